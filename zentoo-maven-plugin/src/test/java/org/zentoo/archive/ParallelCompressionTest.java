package org.zentoo.archive;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every thread count gives the same bytes, and the real tools read them. */
class ParallelCompressionTest {

    @TempDir
    static Path work;

    /** Compressible but not trivially so, like a root filesystem: text-like runs among random bytes. */
    static byte[] input;

    @BeforeAll
    static void makeInput() {
        input = new byte[3 * (1 << 20) + 12345];
        Random random = new Random(42);
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) (i % 8192 < 512 ? random.nextInt(256) : 'a' + random.nextInt(8));
        }
    }

    interface Compressor {
        OutputStream open(OutputStream out, int threads) throws IOException;
    }

    @Test
    void xzAtTheRealBlockSizeIsTheSameOnOneTwoAndFourThreadsAndXzReadsEveryStream() throws Exception {
        // preset 0 cuts 1 MiB blocks (xz -T0's rule), so this input makes four streams
        assertEquals(1 << 20, XzBlocks.blockSize(0));
        assertEquals(24 << 20, XzBlocks.blockSize(6));
        byte[] xz = sameOnEveryThreadCount(input, (out, threads) -> ArchiveFormat.TAR_XZ.compress(out, 0, threads));

        Path file = Files.write(work.resolve("blocks.xz"), xz);
        String list = Shell.bash("xz --robot --list " + Shell.quote(file));
        assertTrue(list.contains("\nfile\t4\t4\t"), list); // streams, blocks
        assertEquals(sha256(input), Shell.bash("xz -dc " + Shell.quote(file) + " | sha256sum | cut -c1-64").trim());
        assertArrayEquals(input, decompress(ArchiveFormat.TAR_XZ, xz));
    }

    @Test
    void zstdWorkersAgreeWithEachOtherAtAFixedLevelAndJobSize() throws Exception {
        // zstd's smallest job is 512 KiB; level 19 is slow, so two and a bit jobs' worth of input is enough
        byte[] part = java.util.Arrays.copyOf(input, (2 << 19) + 100_000);
        byte[] zst = sameOnEveryThreadCount(part, (out, threads) -> ArchiveFormat.zstd(out, 19, threads, 512 << 10));

        Path file = Files.write(work.resolve("jobs.zst"), zst);
        assertEquals(sha256(part), Shell.bash("zstd -dc " + Shell.quote(file) + " | sha256sum | cut -c1-64").trim());
        assertArrayEquals(part, decompress(ArchiveFormat.TAR_ZST, zst));
    }

    @Test
    void stagePackedOnOneOrFourThreadsIsTheSameFileAndGnuTarExtractsBothFormats() throws Exception {
        Path root = Files.createDirectories(work.resolve("root/usr/lib"));
        Files.write(root.resolve("libbig.so"), input);
        Files.writeString(root.resolve("hello"), "hello\n");
        StageArchiver archiver = new StageArchiver(null, StageTree.CLAMP, 0);

        PackResult one = archiver.withThreads(1).packDirectory(work.resolve("root"), work.resolve("one.tar.xz"));
        PackResult four = archiver.withThreads(4).packDirectory(work.resolve("root"), work.resolve("four.tar.xz"));
        PackResult zst = new StageArchiver(null, StageTree.CLAMP, 1).packDirectory(work.resolve("root"),
                work.resolve("stage.tar.zst"));

        assertEquals(one.sha256(), four.sha256());
        for (PackResult packed : List.of(one, zst)) {
            Path extracted = work.resolve("x-" + packed.file().getFileName());
            GnuTar.extract(packed.file(), extracted);
            assertArrayEquals(input, Files.readAllBytes(extracted.resolve("usr/lib/libbig.so")));
        }
    }

    @Test
    void emptyInputIsStillAValidXzFile() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArchiveFormat.TAR_XZ.compress(out, 6, 2).close();

        Path file = Files.write(work.resolve("empty.xz"), out.toByteArray());
        assertEquals("", Shell.bash("xz -dc " + Shell.quote(file)));
    }

    private static byte[] sameOnEveryThreadCount(byte[] input, Compressor compressor) throws IOException {
        byte[] first = null;
        for (int threads : new int[] {1, 2, 4}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream compressed = compressor.open(out, threads)) {
                // odd write sizes and a flush in between must not move a block boundary
                for (int off = 0; off < input.length; off += 77_777) {
                    compressed.write(input, off, Math.min(77_777, input.length - off));
                    compressed.flush();
                }
            }
            if (first == null) {
                first = out.toByteArray();
            } else {
                assertArrayEquals(first, out.toByteArray(), threads + " threads");
            }
        }
        return first;
    }

    private static byte[] decompress(ArchiveFormat format, byte[] compressed) throws IOException {
        try (InputStream in = format.decompress(new java.io.ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] data) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
    }
}
