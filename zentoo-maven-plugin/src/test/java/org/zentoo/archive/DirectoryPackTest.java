package org.zentoo.archive;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Packs a real tree and holds the result against GNU tar: listing, extraction, capabilities, bytes. */
class DirectoryPackTest {

    @TempDir
    static Path work;

    static StageTree.Packed stage;

    @BeforeAll
    static void packTree() throws Exception {
        stage = StageTree.createAndPack(work);
    }

    @Test
    void listsExactlyWhatGnuTarWritesFromTheSameTree() throws Exception {
        Path reference = work.resolve("reference.tar");
        GnuTar.create(stage.tree(), reference);

        List<String> ours = GnuTar.list(stage.archive().file());
        assertEquals(GnuTar.list(reference), ours);
        assertTrue(ours.stream().anyMatch(l -> l.startsWith("-rws--x--x* 0/0") && l.endsWith("./usr/bin/ping")), "setuid with xattrs");
        assertTrue(ours.stream().anyMatch(l -> l.startsWith("hrwxr-xr-x") && l.endsWith("./usr/bin/busybox link to ./bin/sh")),
                "the first name in sort order carries the data");
        assertTrue(ours.stream().anyMatch(l -> l.matches("brw-rw---- +0/6 +259,70000 .*")), "block device numbers");
        assertTrue(ours.stream().anyMatch(l -> l.contains("  x: 20 security.capability")), "file capability kept");
        assertTrue(ours.contains("  x: 1 user.key=with%signs"), "'=' and '%' in xattr names survive");
        assertTrue(ours.contains("  x: 44 system.posix_acl_access"), "ACLs travel as xattrs");
    }

    @Test
    void gnuTarExtractsTheSameTree() throws Exception {
        Path extracted = work.resolve("extracted");
        GnuTar.extract(stage.archive().file(), extracted);

        String compare = "cd %s && find . -printf '%%p %%y %%m %%U %%G %%s %%T@ %%l\\n' | LC_ALL=C sort; "
                + "getfattr -R -P -h -d -m - -e hex . | sed 's/^$//' ; getcap -r . | LC_ALL=C sort";
        String after = Shell.bash(String.format(compare, Shell.quote(extracted)));
        String before = Shell.bash(String.format(compare, Shell.quote(stage.tree())))
                .replace(Long.toString(StageTree.FUTURE), Long.toString(StageTree.CLAMP.getEpochSecond()));
        assertEquals(sortedLines(before), sortedLines(after));
        assertTrue(after.contains("cap_net_raw=ep"), after);
        String contents = "cd %s && find . -type f -exec sha256sum {} + | LC_ALL=C sort";
        assertEquals(Shell.bash(String.format(contents, Shell.quote(stage.tree()))),
                Shell.bash(String.format(contents, Shell.quote(extracted))));
        Shell.bash("cd " + Shell.quote(extracted) + " && test $(stat -c %i bin/sh) = $(stat -c %i usr/bin/busybox)"
                + " && test $(stat -c %i bin/sh) = $(stat -c %i " + StageTree.LONG_DIR + "busybox-with-a-long-name)"
                + " && test \"$(stat -c '%t %T' dev/nvme0n1p9)\" = '103 11170'");
    }

    @Test
    void samePackTwiceAndFromACopyWithOtherFutureMtimesIsByteIdentical() throws Exception {
        Path copy = Files.createDirectory(work.resolve("copy"));
        StageTree.create(copy, StageTree.FUTURE + 12345);

        StageArchiver archiver = new StageArchiver(null, StageTree.CLAMP);
        PackResult again = archiver.packDirectory(stage.tree(), work.resolve("again.tar.xz"));
        PackResult fromCopy = archiver.packDirectory(copy, work.resolve("copy.tar.xz"));

        assertEquals(stage.archive().sha256(), again.sha256());
        assertEquals(stage.archive().sha256(), fromCopy.sha256());
        assertEquals(stage.archive().sha256(), Shell.bash("sha256sum " + Shell.quote(fromCopy.file())).split(" ")[0]);
        assertEquals(Files.size(stage.archive().file()), stage.archive().bytes());
    }

    @Test
    void zstdIsReproducibleAndReadableByTheZstdTool() throws Exception {
        StageArchiver archiver = new StageArchiver(null, StageTree.CLAMP);
        PackResult first = archiver.packDirectory(stage.tree(), work.resolve("a.tar.zst"));
        PackResult second = archiver.packDirectory(stage.tree(), work.resolve("b.tar.zst"));

        assertEquals(ArchiveFormat.TAR_ZST, first.format());
        assertEquals(first.sha256(), second.sha256());
        Path plain = work.resolve("plain.tar");
        Shell.bash("zstd -q -d -c " + Shell.quote(first.file()) + " > " + Shell.quote(plain)
                + " && xz -t " + Shell.quote(stage.archive().file()));
        assertEquals(GnuTar.list(stage.archive().file()), GnuTar.list(plain));
    }

    @Test
    void listsEntriesWithTheirMetadata() throws IOException {
        List<TarEntry> entries = StageArchiver.list(stage.archive().file());

        assertEquals(stage.archive().entries(), entries.size());
        assertEquals("./", entries.get(0).name());
        TarEntry ping = entries.stream().filter(e -> e.name().equals("./usr/bin/ping")).findFirst().orElseThrow();
        assertEquals(04711, ping.mode());
        assertEquals(StageTree.PAST, ping.mtime());
        assertTrue(ping.xattrs().containsKey("security.capability"));
        TarEntry passwd = entries.stream().filter(e -> e.name().equals("./etc/passwd")).findFirst().orElseThrow();
        assertEquals("ff00fe80", java.util.HexFormat.of().formatHex(passwd.xattrs().get("user.bin")));
        TarEntry motd = entries.stream().filter(e -> e.name().equals("./etc/motd")).findFirst().orElseThrow();
        assertEquals(StageTree.CLAMP.getEpochSecond(), motd.mtime());
        assertEquals(123, motd.uid());
    }

    private static List<String> sortedLines(String text) {
        return text.lines().sorted().toList();
    }
}
