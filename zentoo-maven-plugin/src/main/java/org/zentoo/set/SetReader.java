package org.zentoo.set;

import org.zentoo.config.ConfigException;
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
     * @param subsets receives the names of subdirectories that are not set content (nested sets)
     */
    public static SetDefinition read(Path dir, String id, String display, boolean machine, UseExpand useExpand,
                                     List<String> subsets)
            throws ConfigException {
        Map<String, String> texts = new TreeMap<>();
        List<String> directories = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path p : list(dir, display)) {
            String name = p.getFileName().toString();
            if (Files.isDirectory(p)) {
                if (SetFiles.isKnownFile(name, machine)) {
                    throw new ConfigException(display + "/" + name, 0, "is a directory: expected a file (Zentoo "
                            + "writes one " + name + " file per set into /etc/portage itself)");
                }
                if (SetFiles.DIRECTORIES.contains(name)) {
                    directories.add(name);
                } else {
                    subsets.add(name);
                }
            } else if (SetFiles.isKnownFile(name, machine)) {
                texts.put(name, readText(p, display + "/" + name));
            } else if (!name.startsWith(".")) {
                warnings.add(display + "/" + name + ": unknown file, ignored (a typo? a set holds parent, packages, "
                        + "make.conf, package.use, package.accept_keywords, package.mask, package.unmask, package.license, "
                        + "package.env, package.accept_restrict, repos.conf, kernel.config, services, env/, patches/, overlay/"
                        + (machine ? ", machine.conf" : "") + ")");
            }
        }
        List<Line> parents = texts.containsKey(SetFiles.PARENT)
                ? SetFileChecks.parents(display + "/parent", texts.get(SetFiles.PARENT)) : List.of();
        List<WorldEntry> packages = texts.containsKey(SetFiles.PACKAGES)
                ? SetFileChecks.packages(display + "/packages", texts.get(SetFiles.PACKAGES)) : List.of();
        Map<String, List<Line>> packageFiles = new LinkedHashMap<>();
        for (String name : SetFiles.PACKAGE_FILES) {
            if (texts.containsKey(name)) {
                packageFiles.put(name, SetFileChecks.packageFile(name, display + "/" + name, texts.get(name)));
            }
        }
        String f = texts.get(SetFiles.MAKE_CONF);
        if (f != null) {
            // Applied alone so that a set no machine uses yet is checked too; each
            // machine applies it again over its own stack, where ${VAR} can differ.
            new MakeConfStack(useExpand).apply(id, display + "/make.conf", f);
        }
        f = texts.get(SetFiles.KERNEL_CONFIG);
        if (f != null) {
            SetFileChecks.kernelConfig(display + "/kernel.config", f);
        }
        ReposConf repos = texts.containsKey(SetFiles.REPOS_CONF)
                ? ReposConf.parse(display + "/repos.conf", texts.get(SetFiles.REPOS_CONF)) : null;
        List<Service> services = texts.containsKey(SetFiles.SERVICES)
                ? SetFileChecks.services(display + "/services", texts.get(SetFiles.SERVICES)) : List.of();
        return new SetDefinition(id, dir, display, machine, texts, parents, packages, packageFiles, repos, services,
                List.copyOf(directories), warnings);
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
