package org.zentoo.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A compression thread that fails fails the whole write: nothing under the final name, no thread left running. */
class CompressionFailureTest {

    @TempDir
    Path work;

    @Test
    void failureInOneWorkerLeavesNoFileAndStopsTheOthers() throws Exception {
        Path out = work.resolve("stage3.tar.xz");
        Files.writeString(out, "the previous, complete stage");
        IOException broken = new IOException("block 3 could not be compressed");
        AtomicInteger blocks = new AtomicInteger();
        byte[] chunk = new byte[1000];

        IOException thrown = assertThrows(IOException.class, () -> AtomicOutput.write(out, file -> {
            ParallelBlockOutputStream parallel = new ParallelBlockOutputStream(file, 4096, 3, "zentoo-failing",
                    (block, length, target) -> {
                        if (blocks.incrementAndGet() == 3) {
                            throw broken;
                        }
                        target.write(block, 0, length);
                    });
            try {
                for (int i = 0; i < 1000; i++) {
                    parallel.write(chunk);
                }
            } finally {
                try {
                    parallel.close();
                } catch (IOException alreadyThrown) {
                    assertSame(broken, alreadyThrown);
                }
            }
        }));

        assertSame(broken, thrown);
        assertEquals("the previous, complete stage", Files.readString(out));
        assertEquals(List.of("stage3.tar.xz"), TarStreamPackTest.listDirectory(work));
        assertTrue(workersStop("zentoo-failing"), "compression threads still running after close");
    }

    private static boolean workersStop(String prefix) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith(prefix))) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
