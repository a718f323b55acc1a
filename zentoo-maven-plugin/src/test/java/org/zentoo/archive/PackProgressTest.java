package org.zentoo.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A long pack says how far it has got, how fast, and how long it still needs. */
class PackProgressTest {

    @TempDir
    Path work;

    @Test
    void linesSayWhatIsDoneTheRateAndTheTimeLeft() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        PackProgress progress = new PackProgress("stage3-web01.tar.zst", line -> { }, now::get);
        assertEquals("stage3-web01.tar.zst: preparing the pack", progress.line());

        progress.read(50_000_000);
        now.addAndGet(2_000_000_000L);
        assertEquals("stage3-web01.tar.zst: reading the stage, 50 MB so far, 25.0 MB/s", progress.line());

        progress.expect(400_000_000);
        assertEquals("stage3-web01.tar.zst: 0 of 400 MB packed (0 %), 0.0 MB/s, estimating the time left",
                progress.line());
        progress.packed(100_000_000);
        now.addAndGet(10_000_000_000L);
        assertEquals("stage3-web01.tar.zst: 100 of 400 MB packed (25 %), 10.0 MB/s, about 30 s left",
                progress.line());
        now.addAndGet(90_000_000_000L);
        assertEquals("stage3-web01.tar.zst: 100 of 400 MB packed (25 %), 1.0 MB/s, about 5 min 0 s left",
                progress.line());
    }

    @Test
    void aTarStreamIsMeasuredByItsFileDataWithEachHardLinkedFileOnce() throws Exception {
        Path root = Files.createDirectories(work.resolve("root"));
        Files.write(root.resolve("big"), text(3_000_000));
        Files.write(root.resolve("other"), text(2_000_000));
        Shell.bash("cd " + Shell.quote(root) + " && ln big big-again && tar --format=posix -cf ../stream.tar .");
        List<String> lines = Collections.synchronizedList(new ArrayList<>());

        try (InputStream tar = Files.newInputStream(work.resolve("stream.tar"))) {
            new StageArchiver(ArchiveFormat.TAR_ZST, StageTree.CLAMP, 12).withThreads(1)
                    .withProgress(Duration.ofMillis(1), lines::add).packTarStream(tar, work.resolve("out.tar.zst"));
        }

        // 5 MB of data: the hard-linked 3 MB file counts once
        Pattern packing = Pattern.compile("out\\.tar\\.zst: \\d+ of 5 MB packed \\(\\d+ %\\), \\d+\\.\\d MB/s, "
                + "(about \\d+ s left|estimating the time left)");
        assertTrue(lines.stream().anyMatch(l -> packing.matcher(l).matches()), String.join("\n", lines));
    }

    /** Compressible but not trivially: what keeps a compressor busy for a while. */
    static byte[] text(int size) {
        byte[] bytes = new byte[size];
        Random random = new Random(size);
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ('a' + random.nextInt(16));
        }
        return bytes;
    }
}
