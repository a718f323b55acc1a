package org.zentoo.set;

import org.zentoo.config.ConfigException;
import org.zentoo.config.ConfigProblems;
import org.zentoo.config.Spelling;
import org.zentoo.makeconf.MakeConfStack;
import org.zentoo.makeconf.UseExpand;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads one set (or machine) directory and checks every file in it before anything is rendered. */
public final class SetReader {

    private SetReader() {
    }

    /**
     * Reads the directory, recording each bad file in {@code problems} and going on
     * with the others, so one run reports every mistake; the definition returned
     * then lacks what could not be read and must not be rendered.
     *
     * @param subsets receives the names of subdirectories that are not set content (nested sets)
     * @param strict  an unknown file is a problem, not a warning ({@code -Dzentoo.strict})
     */
    public static SetDefinition read(Path dir, String id, String display, boolean machine, UseExpand useExpand,
                                     List<String> subsets, boolean strict, ConfigProblems problems)
            throws ConfigException {
        Map<String, String> texts = new TreeMap<>();
        List<String> directories = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path p : list(dir, display)) {
            String name = p.getFileName().toString();
            if (Files.isDirectory(p)) {
                if (SetFiles.isKnownFile(name, machine)) {
                    problems.add(new ConfigException(display + "/" + name, 0, "is a directory: expected a file (Zentoo "
                            + "writes one " + name + " file per set into /etc/portage itself)"));
                } else if (SetFiles.DIRECTORIES.contains(name)) {
                    directories.add(name);
                } else {
                    subsets.add(name);
                }
            } else if (SetFiles.isKnownFile(name, machine)) {
                String text = problems.attempt(() -> readText(p, display + "/" + name));
                if (text != null) {
                    texts.put(name, text);
                }
            } else if (!name.startsWith(".")) {
                unknownFile(display, name, machine, strict, problems, warnings);
            }
        }
        List<Line> parents = checked(texts, SetFiles.PARENT, problems,
                t -> SetFileChecks.parents(display + "/parent", t, problems), List.of());
        List<WorldEntry> packages = checked(texts, SetFiles.PACKAGES, problems,
                t -> SetFileChecks.packages(display + "/packages", t, problems), List.of());
        Map<String, List<Line>> packageFiles = new LinkedHashMap<>();
        for (String name : SetFiles.PACKAGE_FILES) {
            List<Line> lines = checked(texts, name, problems,
                    t -> SetFileChecks.packageFile(name, display + "/" + name, t, problems), null);
            if (lines != null) {
                packageFiles.put(name, lines);
            }
        }
        // Applied alone so that a set no machine uses yet is checked too; each
        // machine applies it again over its own stack, where ${VAR} can differ.
        checked(texts, SetFiles.MAKE_CONF, problems, t -> {
            new MakeConfStack(useExpand).apply(id, display + "/make.conf", t);
            return t;
        }, null);
        checked(texts, SetFiles.KERNEL_CONFIG, problems, t -> {
            SetFileChecks.kernelConfig(display + "/kernel.config", t, problems);
            return t;
        }, null);
        ReposConf repos = checked(texts, SetFiles.REPOS_CONF, problems,
                t -> ReposConf.parse(display + "/repos.conf", t), null);
        List<Service> services = checked(texts, SetFiles.SERVICES, problems,
                t -> SetFileChecks.services(display + "/services", t, problems), List.of());
        return new SetDefinition(id, dir, display, machine, texts, parents, packages, packageFiles, repos, services,
                List.copyOf(directories), warnings);
    }

    /** A file check that throws at its first bad line. */
    @FunctionalInterface
    private interface FileCheck<T> {
        T check(String text) throws ConfigException;
    }

    /** The checked content of file {@code name}; {@code absent} when the set lacks it or it is bad (recorded). */
    private static <T> T checked(Map<String, String> texts, String name, ConfigProblems problems, FileCheck<T> check,
                                 T absent) {
        String text = texts.get(name);
        if (text == null) {
            return absent;
        }
        T result = problems.attempt(() -> check.check(text));
        return result == null ? absent : result;
    }

    /**
     * A name a set does not hold is most likely a typo ({@code package.accept_keyword}):
     * a warning that names the closest valid name and lists them all, or a problem in strict mode.
     */
    private static void unknownFile(String display, String name, boolean machine, boolean strict,
                                    ConfigProblems problems, List<String> warnings) {
        List<String> valid = SetFiles.validNames(machine);
        String guess = Spelling.closest(name, valid.stream().map(v -> v.replaceAll("/$", "")).toList())
                .map(g -> "did you mean " + g + "? ").orElse("");
        String known = "a " + (machine ? "machine" : "set") + " directory holds " + String.join(", ", valid);
        if (strict) {
            problems.add(new ConfigException(display + "/" + name, 0, "unknown file: " + guess + known
                    + " (-Dzentoo.strict makes this an error): rename or remove it"));
        } else {
            warnings.add(display + "/" + name + ": unknown file, ignored (" + guess + known
                    + "; -Dzentoo.strict makes this an error)");
        }
    }

    public static List<Path> list(Path dir, String display) throws ConfigException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new ConfigException(display, 0, "cannot list directory: " + e.getMessage(), e);
        }
    }

    public static String readText(Path p, String display) throws ConfigException {
        try {
            byte[] bytes = Files.readAllBytes(p);
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return s.replace("\r\n", "\n");
        } catch (CharacterCodingException e) {
            throw new ConfigException(display, 0, "not UTF-8 text: expected a UTF-8 text file", e);
        } catch (IOException e) {
            throw new ConfigException(display, 0, "cannot read: " + e.getMessage(), e);
        }
    }
}
