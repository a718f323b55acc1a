package org.zentoo.render;

import org.zentoo.config.ConfigException;
import org.zentoo.config.ConfigProblems;
import org.zentoo.site.Site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Renders machines into target/zentoo. Every machine is composed in memory first, so a
 * bad site throws before anything is written; the files then go to a temporary
 * directory beside the output and are moved into place machine by machine.
 */
public final class Renderer {

    private static final String TEMP_PREFIX = ".zentoo-render-";

    private Renderer() {
    }

    /** A render killed half-way (Ctrl-C, OOM) leaves its temporary tree; the next one removes it. */
    private static void removeLeftovers(Path parent) throws IOException {
        try (Stream<Path> list = Files.list(parent)) {
            for (Path p : list.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX)).toList()) {
                deleteTree(p);
            }
        }
    }

    /**
     * How a machine's rendered tree relates to config/ as it is now, from
     * {@link Layout#INPUT_HASH}: the digest of config/ at the last render, and which
     * machines that render wrote.
     */
    public enum Freshness {
        /** Rendered from config/ as it is now: nothing to do. */
        FRESH,
        /** Never rendered (or its tree is gone). */
        NOT_RENDERED,
        /** Rendered, but config/ changed since: the tree would describe an older site. */
        STALE
    }

    /**
     * Renders the machines unless their trees are {@link Freshness#FRESH}; every goal
     * that reads rendered trees calls this first, so none acts on an older config/.
     *
     * @param machineIds the machines to render; empty means {@link Site#defaultMachines()}
     */
    public static RenderResult render(Site site, List<String> machineIds, Path outputDirectory)
            throws ConfigException, IOException {
        List<String> ids = machineIds.isEmpty() ? site.defaultMachines() : machineIds;
        List<RenderedMachine> rendered = composeAll(site, ids);
        List<String> warnings = new ArrayList<>();
        rendered.forEach(r -> warnings.addAll(r.warnings()));
        String hash = InputHash.of(site.directory());
        Path hashFile = outputDirectory.resolve(Layout.INPUT_HASH);
        Freshness found = freshness(outputDirectory, hash, ids);
        if (found == Freshness.FRESH) {
            return new RenderResult(rendered, found, warnings);
        }
        // Machines rendered from this same config/ stay valid beside the new ones; after
        // a change only the machines rendered now are, and the others render when asked for.
        java.util.Set<String> valid = new java.util.TreeSet<>(ids);
        Recorded previous = Recorded.read(hashFile);
        if (previous != null && previous.hash().equals(hash)) {
            valid.addAll(previous.machines());
        }
        Path parent = outputDirectory.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        removeLeftovers(parent);
        Path temp = Files.createTempDirectory(parent, TEMP_PREFIX);
        try {
            try {
                rendered.parallelStream().forEach(r -> {
                    try {
                        write(r, temp);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            Files.createDirectories(outputDirectory);
            Files.deleteIfExists(hashFile);
            for (String id : ids) {
                moveIntoPlace(temp.resolve(Layout.root(id)), outputDirectory.resolve(Layout.root(id)));
                moveIntoPlace(temp.resolve(Layout.assembly(id)), outputDirectory.resolve(Layout.assembly(id)));
                moveIntoPlace(temp.resolve(Layout.tests(id)), outputDirectory.resolve(Layout.tests(id)));
            }
            new Recorded(hash, List.copyOf(valid)).write(hashFile);
        } finally {
            deleteTree(temp);
        }
        return new RenderResult(rendered, found, warnings);
    }

    /**
     * Whether the trees of {@code ids} under {@code outputDirectory} were rendered from
     * a config/ whose digest ({@link InputHash}) is {@code configHash}.
     */
    static Freshness freshness(Path outputDirectory, String configHash, List<String> ids) throws IOException {
        Recorded recorded = Recorded.read(outputDirectory.resolve(Layout.INPUT_HASH));
        boolean present = recorded != null && ids.stream().allMatch(id -> recorded.machines().contains(id)
                && Files.isDirectory(outputDirectory.resolve(Layout.root(id))));
        if (!present) {
            return Freshness.NOT_RENDERED;
        }
        return recorded.hash().equals(configHash) ? Freshness.FRESH : Freshness.STALE;
    }

    /** What {@link Layout#INPUT_HASH} holds: the digest on its first line, then one rendered machine per line. */
    private record Recorded(String hash, List<String> machines) {

        static Recorded read(Path file) throws IOException {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
            return lines.isEmpty() ? null : new Recorded(lines.get(0), lines.subList(1, lines.size()));
        }

        void write(Path file) throws IOException {
            Files.writeString(file, hash + "\n" + machines.stream().map(m -> m + "\n").collect(
                    java.util.stream.Collectors.joining()), StandardCharsets.UTF_8);
        }
    }

    /**
     * Machines are independent, so they are composed in parallel; every machine's
     * mistakes are reported together, in the order asked for, so the report does not
     * depend on timing.
     */
    private static List<RenderedMachine> composeAll(Site site, List<String> ids) throws ConfigException {
        ConfigProblems problems = new ConfigProblems();
        for (String id : ids) {
            problems.check(() -> site.machine(id));
        }
        problems.throwIfAny();
        List<Object> results = ids.parallelStream().map(id -> {
            try {
                return (Object) MachineComposer.compose(site, site.machine(id));
            } catch (ConfigException e) {
                return e;
            }
        }).toList();
        List<RenderedMachine> out = new ArrayList<>();
        for (Object r : results) {
            if (r instanceof ConfigException e) {
                problems.add(e);
            } else {
                out.add((RenderedMachine) r);
            }
        }
        problems.throwIfAny();
        return out;
    }

    /** Writes one machine's files below {@code root} (used for the temporary tree, and by tests). */
    public static void write(RenderedMachine machine, Path root) throws IOException {
        java.util.Set<Path> made = new java.util.HashSet<>();
        for (Map.Entry<String, Entry> e : machine.files().entrySet()) {
            Path target = root.resolve(e.getKey());
            if (made.add(target.getParent())) {
                Files.createDirectories(target.getParent());
            }
            Entry entry = e.getValue();
            if (entry instanceof Entry.Text t) {
                Files.writeString(target, t.content(), StandardCharsets.UTF_8);
                permissions(target, false);
            } else if (entry instanceof Entry.Copy c) {
                Files.copy(c.source(), target, StandardCopyOption.REPLACE_EXISTING);
                permissions(target, c.executable());
            } else if (entry instanceof Entry.Link l) {
                Files.deleteIfExists(target);
                Files.createSymbolicLink(target, Path.of(l.target()));
            }
        }
    }

    private static void permissions(Path p, boolean executable) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the build containers will not read it anyway.
        }
    }

    private static void moveIntoPlace(Path from, Path to) throws IOException {
        deleteTree(to);
        if (!Files.exists(from)) {
            return;
        }
        Files.createDirectories(to.getParent());
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path p) throws IOException {
        org.zentoo.files.Trees.delete(p);
    }
}
