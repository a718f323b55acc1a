package org.zentoo.archive;

import org.junit.jupiter.api.Test;
import org.zentoo.testing.Strict;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tar stream in any order (as docker export gives it) normalizes to what the directory gives. */
class TarStreamPackTest extends PackedStageTest {

    @Test
    void shuffledGnuTarStreamGivesTheSameBytesAsTheDirectory() throws Exception {
        Path shuffled = gnuTarInRandomOrder("shuffled.tar", "--format=posix --xattrs --xattrs-include='*'", "./");

        PackResult fromStream = pack(shuffled, "stream.tar.xz");

        assertEquals(stage.archive().sha256(), fromStream.sha256());
        assertEquals(stage.archive().entries(), fromStream.entries());
    }

    @Test
    void dockerExportStyleNamesWithoutDotSlashAreNormalized() throws Exception {
        // docker export writes "usr/bin/ping", no "./" and no root entry
        Path export = gnuTarInRandomOrder("export.tar", "--format=posix --xattrs --xattrs-include='*'", "");

        PackResult fromStream = pack(export, "export.tar.xz");

        List<String> expected = GnuTar.list(stage.archive().file());
        expected.remove(0); // the root "./" entry a docker export does not have
        assertEquals(expected, GnuTar.list(fromStream.file()));
    }

    @Test
    void goArchiveTarStreamAsDockerExportWritesIt() throws Exception {
        Strict.assume(Shell.has("go"), "a Go toolchain (Debian package golang-go), to write a tar the way docker export does");
        Path program = work.resolve("docker-export.go");
        Files.copy(Path.of(getClass().getResource("/docker-export/main.go").toURI()), program);
        Path export = work.resolve("go-export.tar");
        Shell.bash("go run " + Shell.quote(program) + " " + Shell.quote(stage.tree()) + " > " + Shell.quote(export));

        PackResult fromStream = pack(export, "go-export.tar.xz");

        // Docker carries no root entry and, of all xattrs, security.capability alone
        List<TarEntry> expected = StageArchiver.list(stage.archive().file()).stream().skip(1)
                .map(TarStreamPackTest::capabilityOnly).toList();
        assertEquals(expected, StageArchiver.list(fromStream.file()));
    }

    @Test
    void gnuLongNameRecordsAreRead() throws Exception {
        Path gnu = gnuTarInRandomOrder("gnu.tar", "--format=gnu", "./");

        PackResult fromStream = pack(gnu, "gnu.tar.xz");

        assertEquals(withoutXattrs(GnuTar.list(stage.archive().file())), withoutXattrs(GnuTar.list(fromStream.file())));
    }

    @Test
    void hardLinkToAMissingFileIsRejectedAndNothingIsWritten() throws Exception {
        Path broken = work.resolve("broken.tar");
        Shell.bash("cd " + Shell.quote(stage.tree()) + " && tar --format=posix --no-recursion -cf " + Shell.quote(broken)
                + " ./bin/sh ./usr/bin/busybox && tar --delete -f " + Shell.quote(broken) + " ./bin/sh");
        Path out = Files.createDirectory(work.resolve("broken-out")).resolve("stage.tar.xz");

        MalformedTarException e = assertThrows(MalformedTarException.class, () -> pack(broken, out));

        assertTrue(e.getMessage().contains("./usr/bin/busybox"), e.getMessage());
        assertEquals(List.of(), listDirectory(out.getParent()));
    }

    @Test
    void notATarStreamIsRejected() throws Exception {
        Path out = Files.createDirectory(work.resolve("garbage-out")).resolve("stage.tar.xz");
        byte[] garbage = new byte[1024];
        java.util.Arrays.fill(garbage, (byte) 'x');

        assertThrows(MalformedTarException.class, () -> archiver.packTarStream(new ByteArrayInputStream(garbage), out));
        assertFalse(Files.exists(out));
    }

    @Test
    void entriesThatClimbOutOfTheRootAreRejected() throws Exception {
        Path climbing = work.resolve("climbing.tar");
        Shell.bash("cd " + Shell.quote(stage.tree()) + "/etc && tar --format=posix -cf " + Shell.quote(climbing) + " -P ../etc/passwd");

        assertThrows(MalformedTarException.class, () -> pack(climbing, work.resolve("climbing.tar.xz")));
    }

    private PackResult pack(Path tar, String out) throws Exception {
        return pack(tar, work.resolve(out));
    }

    private PackResult pack(Path tar, Path out) throws Exception {
        try (InputStream in = Files.newInputStream(tar)) {
            return archiver.packTarStream(in, out);
        }
    }

    /** GNU tar over every path of the tree, in shuffled order; hard links then point the "wrong" way. */
    private static Path gnuTarInRandomOrder(String name, String options, String prefix) throws Exception {
        Path tar = work.resolve(name);
        Path list = work.resolve(name + ".list");
        String root = prefix.isEmpty() ? "" : "echo . ; ";
        // bin/sh goes last, so the stream carries the busybox data under another name than the sorted archive
        Shell.bash("cd " + Shell.quote(stage.tree()) + " && { " + root + "find . -mindepth 1 | sed 's,^\\./," + prefix + ",' ; }"
                + " | shuf --random-source=<(yes) | grep -vx '" + prefix + "bin/sh' > " + Shell.quote(list)
                + " && echo '" + prefix + "bin/sh' >> " + Shell.quote(list)
                + " && tar --no-recursion --numeric-owner " + options + " -cf " + Shell.quote(tar)
                + " -T " + Shell.quote(list));
        assertTrue(GnuTar.list(tar).stream().anyMatch(l -> l.contains(" " + prefix + "bin/sh link to ")));
        return tar;
    }

    private static TarEntry capabilityOnly(TarEntry e) {
        Map<String, byte[]> kept = new TreeMap<>(e.xattrs());
        kept.keySet().retainAll(Set.of("security.capability"));
        return TarEntry.of(e.name(), e.type(), e.mode(), e.uid(), e.gid(), e.size(), e.mtime(), e.linkName(),
                e.devMajor(), e.devMinor(), kept);
    }

    static List<String> withoutXattrs(List<String> listing) {
        return listing.stream().filter(l -> !l.startsWith("  x: ")).map(l -> l.replaceFirst("^(\\S{10})\\*", "$1 ")).toList();
    }

    static List<String> listDirectory(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
