package org.zentoo.render;

import org.zentoo.config.ConfigException;
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
import java.util.Comparator;
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
     * @param machineIds the machines to render; empty means {@link Site#defaultMachines()}
     */
    public static RenderResult render(Site site, List<String> machineIds, Path outputDirectory)
            throws ConfigException, IOException {
        List<String> ids = machineIds.isEmpty() ? site.defaultMachines() : machineIds;
        List<RenderedMachine> rendered = composeAll(site, ids);
        List<String> warnings = new ArrayList<>();
        rendered.forEach(r -> warnings.addAll(r.warnings()));
        String hash = InputHash.of(site.directory(), ids);
        Path hashFile = outputDirectory.resolve(Layout.INPUT_HASH);
        if (Files.isRegularFile(hashFile) && Files.readString(hashFile).strip().equals(hash)
                && ids.stream().allMatch(id -> Files.isDirectory(outputDirectory.resolve(Layout.root(id))))) {
            return new RenderResult(rendered, true, warnings);
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
            Files.writeString(hashFile, hash + "\n", StandardCharsets.UTF_8);
        } finally {
            deleteTree(temp);
        }
        return new RenderResult(rendered, false, warnings);
    }

    /**
     * Machines are independent, so they are composed in parallel; the error reported is
     * that of the first failing machine in the order asked for, so it does not depend on timing.
     */
    private static List<RenderedMachine> composeAll(Site site, List<String> ids) throws ConfigException {
        for (String id : ids) {
            site.machine(id);
        }
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
                throw e;
            }
            out.add((RenderedMachine) r);
        }
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
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
