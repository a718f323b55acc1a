package org.zentoo.archive;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link StageArchiver#excluding}: what Docker leaves in an export goes, the stage's own files stay. */
class EntryFilterTest {

    @TempDir
    static Path work;

    static Path root;
    static Path export;

    final StageArchiver archiver = new StageArchiver(ArchiveFormat.TAR_XZ, Instant.EPOCH)
            .excluding(ContainerLeftovers.DOCKER_PLACEHOLDERS);

    /** An exported container: Docker's marker and empty placeholders, a real hosts file, a hard-linked pair. */
    @BeforeAll
    static void exportedContainer() throws Exception {
        root = Files.createDirectory(work.resolve("root"));
        Shell.bash("cd " + Shell.quote(root) + " && mkdir -p etc cache usr/bin"
                + " && touch .dockerenv etc/hostname etc/resolv.conf"
                + " && printf '127.0.0.1 localhost\\n' > etc/hosts"
                + " && seq 1 1000 > cache/first && ln cache/first usr/bin/second");
        export = work.resolve("export.tar");
        // names as docker export writes them: no "./", no root entry
        Shell.bash("cd " + Shell.quote(root) + " && tar --format=posix --numeric-owner -cf " + Shell.quote(export)
                + " .dockerenv cache etc usr");
    }

    @Test
    void dockerPlaceholdersMatchOnlyDockersMarkerAndEmptyFiles() {
        assertTrue(ContainerLeftovers.DOCKER_PLACEHOLDERS.test(file("./.dockerenv", 0)));
        assertTrue(ContainerLeftovers.DOCKER_PLACEHOLDERS.test(file("./etc/hosts", 0)));
        assertTrue(ContainerLeftovers.DOCKER_PLACEHOLDERS.test(file("./etc/hostname", 0)));
        assertTrue(ContainerLeftovers.DOCKER_PLACEHOLDERS.test(file("./etc/resolv.conf", 0)));

        assertFalse(ContainerLeftovers.DOCKER_PLACEHOLDERS.test(file("./etc/hosts", 20)), "baselayout's hosts");
        assertFalse(ContainerLeftovers.DOCKER_PLACEHOLDERS.test(file("./etc/resolv.conf", 1)));
        assertFalse(ContainerLeftovers.DOCKER_PLACEHOLDERS.test(file("./etc/hosts.allow", 0)));
        assertFalse(ContainerLeftovers.DOCKER_PLACEHOLDERS.test(file("./var/etc/hosts", 0)));
        TarEntry resolvLink = TarEntry.of("./etc/resolv.conf", EntryType.SYMLINK, 0777, 0, 0, 0, 0,
                "/run/systemd/resolve/stub-resolv.conf", 0, 0, new TreeMap<>());
        assertFalse(ContainerLeftovers.DOCKER_PLACEHOLDERS.test(resolvLink), "systemd's resolv.conf link");
    }

    @Test
    void directoryLosesThePlaceholdersButKeepsARealHostsFile() throws Exception {
        PackResult packed = archiver.packDirectory(root, work.resolve("dir.tar.xz"));

        assertEquals(List.of("./", "./cache/", "./cache/first", "./etc/", "./etc/hosts", "./usr/", "./usr/bin/",
                "./usr/bin/second"), names(packed));
    }

    @Test
    void tarStreamLosesThePlaceholdersButKeepsARealHostsFile() throws Exception {
        PackResult packed = packExport(archiver, "stream.tar.xz");

        assertEquals(List.of("./cache/", "./cache/first", "./etc/", "./etc/hosts", "./usr/", "./usr/bin/",
                "./usr/bin/second"), names(packed));
    }

    @Test
    void excludingADirectoryDropsItsContentAndHandsHardLinkedDataToTheNameThatStays() throws Exception {
        StageArchiver withoutCache = archiver.excluding(e -> e.name().equals("./cache/"));

        PackResult fromDirectory = withoutCache.packDirectory(root, work.resolve("no-cache-dir.tar.xz"));
        PackResult fromStream = packExport(withoutCache, "no-cache-stream.tar.xz");

        for (PackResult packed : List.of(fromDirectory, fromStream)) {
            List<TarEntry> entries = StageArchiver.list(packed.file());
            assertFalse(entries.stream().anyMatch(e -> e.name().startsWith("./cache")), entries.toString());
            TarEntry second = entries.get(entries.size() - 1);
            assertEquals("./usr/bin/second", second.name());
            assertEquals(EntryType.FILE, second.type());
            Path extracted = work.resolve("x-" + packed.file().getFileName());
            GnuTar.extract(packed.file(), extracted);
            assertEquals(Files.readString(root.resolve("cache/first")), Files.readString(extracted.resolve("usr/bin/second")));
        }
    }

    private static PackResult packExport(StageArchiver archiver, String out) throws Exception {
        try (InputStream in = Files.newInputStream(export)) {
            return archiver.packTarStream(in, work.resolve(out));
        }
    }

    private static List<String> names(PackResult packed) throws Exception {
        return StageArchiver.list(packed.file()).stream().map(TarEntry::name).toList();
    }

    private static TarEntry file(String name, long size) {
        return TarEntry.of(name, EntryType.FILE, 0644, 0, 0, size, 0, "", 0, 0, new TreeMap<>());
    }
}
