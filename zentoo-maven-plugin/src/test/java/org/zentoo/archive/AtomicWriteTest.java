package org.zentoo.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.testing.Strict;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever fails, the final name never holds a partial archive and no temp file is left. */
class AtomicWriteTest {

    @TempDir
    Path work;

    final StageArchiver archiver = new StageArchiver(ArchiveFormat.TAR_XZ, Instant.EPOCH);

    @Test
    void sourceFailingMidStreamLeavesNothingAndKeepsTheOldFile() throws Exception {
        Path tar = smallTar();
        Path out = Files.createDirectory(work.resolve("out")).resolve("stage3.tar.xz");
        Files.writeString(out, "the previous, complete stage");
        IOException broken = new IOException("connection to the Docker daemon lost");

        IOException thrown = assertThrows(IOException.class,
                () -> archiver.packTarStream(failingAfter(Files.readAllBytes(tar), 2000, broken), out));

        assertSame(broken, thrown);
        assertEquals("the previous, complete stage", Files.readString(out));
        assertEquals(List.of("stage3.tar.xz"), TarStreamPackTest.listDirectory(out.getParent()));
    }

    @Test
    void unwritableDirectoryIsAClearErrorNamingTheFile() throws Exception {
        Path dir = Files.createDirectory(work.resolve("immutable"));
        Path out = dir.resolve("stage3.tar.xz");
        // root ignores permission bits, but not the immutable attribute
        Shell.bash("chattr +i " + Shell.quote(dir));
        try {
            IOException e = assertThrows(IOException.class, () -> archiver.packDirectory(sourceTree(), out));
            assertTrue(e.getMessage().contains(out.toString()), e.getMessage());
        } finally {
            Shell.bash("chattr -i " + Shell.quote(dir));
        }
        assertEquals(List.of(), TarStreamPackTest.listDirectory(dir));
    }

    @Test
    void fullDiskIsAClearErrorNamingTheFileAndLeavesNothing() throws Exception {
        Path disk = Files.createDirectory(work.resolve("small-disk"));
        Shell.Result mounted = Shell.tryBash("mount -t tmpfs -o size=256k zentoo-test " + Shell.quote(disk));
        Strict.assume(mounted.exit() == 0, "the right to mount a small tmpfs to fill (root; mount from Debian package mount): "
                + mounted.output());
        try {
            Path source = sourceTree();
            Shell.bash("head -c 2000000 /dev/urandom > " + Shell.quote(source.resolve("incompressible")));
            Path out = disk.resolve("stage3.tar.xz");

            IOException e = assertThrows(IOException.class, () -> archiver.packDirectory(source, out));

            assertTrue(e.getMessage().contains("cannot write " + out), e.getMessage());
            assertEquals(List.of(), TarStreamPackTest.listDirectory(disk));
        } finally {
            Shell.bash("umount " + Shell.quote(disk));
        }
    }

    @Test
    void fileNameJavaCannotDecodeIsAnErrorNotAWrongName() throws Exception {
        Path source = sourceTree();
        Shell.bash("touch " + Shell.quote(source) + "/$'latin1-\\xe9'");
        Path out = work.resolve("stage3.tar.xz");

        IOException e = assertThrows(IOException.class, () -> archiver.packDirectory(source, out));

        assertTrue(e.getMessage().contains("LC_ALL=C.UTF-8"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void outputInsideTheRootIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path source = sourceTree();

        assertThrows(IllegalArgumentException.class,
                () -> archiver.packDirectory(source, source.resolve("etc/stage3.tar.xz")));
        assertEquals(List.of("hostname"), TarStreamPackTest.listDirectory(source.resolve("etc")));
    }

    @Test
    void writtenFileIsWorldReadableLikeAnyBuildOutputAndATempOfAKilledRunIsRemoved() throws Exception {
        Files.writeString(work.resolve("stage3.tar.xz.tmp-4711"), "left by a run that was killed");

        PackResult result = archiver.packDirectory(sourceTree(), work.resolve("stage3.tar.xz"));

        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(result.file())));
        assertFalse(TarStreamPackTest.listDirectory(work).stream().anyMatch(n -> n.contains(".tmp-")));
    }

    private Path sourceTree() throws IOException {
        Path source = work.resolve("source");
        if (!Files.exists(source)) {
            Files.createDirectories(source.resolve("etc"));
            Files.writeString(source.resolve("etc/hostname"), "web01\n");
        }
        return source;
    }

    private Path smallTar() throws Exception {
        Path tar = work.resolve("small.tar");
        Shell.bash("head -c 100000 /dev/urandom > " + Shell.quote(work.resolve("blob"))
                + " && tar -C " + Shell.quote(work) + " --format=posix -cf " + Shell.quote(tar) + " blob");
        return tar;
    }

    /** A stream that delivers its first bytes and then fails, as a dropped daemon connection does. */
    static InputStream failingAfter(byte[] data, int bytes, IOException failure) {
        InputStream good = new ByteArrayInputStream(data, 0, bytes);
        return new InputStream() {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = good.read(b, off, len);
                if (n < 0) {
                    throw failure;
                }
                return n;
            }

            @Override
            public int read() throws IOException {
                int n = good.read();
                if (n < 0) {
                    throw failure;
                }
                return n;
            }
        };
    }
}
