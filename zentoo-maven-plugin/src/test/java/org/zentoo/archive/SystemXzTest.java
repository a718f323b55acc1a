package org.zentoo.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The opt-in system xz: same bytes on any thread count (for this xz), same atomicity. */
class SystemXzTest {

    @TempDir
    Path work;

    @Test
    void sameBytesOnOneAndFourThreadsInXzsOwnMultiBlockFormat() throws Exception {
        Path root = Files.createDirectories(work.resolve("root/usr/lib"));
        byte[] data = new byte[3 << 20];
        new Random(7).nextBytes(data);
        Files.write(root.resolve("libbig.so"), data);
        StageArchiver archiver = new StageArchiver(null, StageTree.CLAMP, 0).withSystemXz(true);

        PackResult one = archiver.withThreads(1).packDirectory(work.resolve("root"), work.resolve("one.tar.xz"));
        PackResult four = archiver.withThreads(4).packDirectory(work.resolve("root"), work.resolve("four.tar.xz"));

        assertEquals(one.sha256(), four.sha256());
        String list = Shell.bash("xz --robot --list " + Shell.quote(one.file()));
        assertTrue(list.contains("\nfile\t1\t4\t"), list); // one stream of 1 MiB blocks, as xz -T0 writes
        Path extracted = work.resolve("extracted");
        GnuTar.extract(one.file(), extracted);
        assertArrayEquals(data, Files.readAllBytes(extracted.resolve("usr/lib/libbig.so")));
    }

    @Test
    void failingSourceLeavesNothingAndNoXzRunning() throws Exception {
        Path tar = work.resolve("small.tar");
        Shell.bash("head -c 100000 /dev/urandom > " + Shell.quote(work.resolve("blob"))
                + " && tar -C " + Shell.quote(work) + " --format=posix -cf " + Shell.quote(tar) + " blob");
        Path out = Files.createDirectory(work.resolve("out")).resolve("stage3.tar.xz");
        IOException broken = new IOException("connection to the Docker daemon lost");
        StageArchiver archiver = new StageArchiver(ArchiveFormat.TAR_XZ, StageTree.CLAMP).withSystemXz(true);

        IOException thrown = assertThrows(IOException.class, () -> archiver.packTarStream(
                AtomicWriteTest.failingAfter(Files.readAllBytes(tar), 2000, broken), out));

        assertSame(broken, thrown);
        assertEquals(List.of(), TarStreamPackTest.listDirectory(out.getParent()));
    }
}
