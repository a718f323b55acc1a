package org.zentoo.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every hash is checked against coreutils' sha256sum, not against values written from this code. */
class Sha256Test {

    @TempDir
    Path dir;

    @Test
    void textIsHashedAsUtf8LikeSha256sumDoes() throws Exception {
        for (String text : List.of("", "zentoo\n", "Gentoo stage für web01 — ✓\n")) {
            assertEquals(sha256sum(text.getBytes(StandardCharsets.UTF_8)), Sha256.of(text), text);
            assertEquals(sha256sum(text.getBytes(StandardCharsets.UTF_8)),
                    Sha256.of(text.getBytes(StandardCharsets.UTF_8)), text);
        }
    }

    @Test
    void aFileLargerThanTheReadBufferMatchesSha256sum() throws Exception {
        byte[] data = new byte[200_003];
        new Random(42).nextBytes(data);
        Path file = Files.write(dir.resolve("blob"), data);

        String hex = Sha256.ofFile(file);

        assertEquals(sha256sum(data), hex);
        assertTrue(hex.matches("[0-9a-f]{64}"), hex);
    }

    @Test
    void piecesFedOneByOneHashLikeTheWholeAndHexStartsOver() throws Exception {
        byte[] whole = "name\0content\0".getBytes(StandardCharsets.UTF_8);
        Sha256 sha = new Sha256().update("name").update((byte) 0);
        sha.update(whole, 5, 7).update(new byte[] {0});

        assertEquals(sha256sum(whole), sha.hex());
        assertEquals(sha256sum(new byte[0]), sha.hex(), "after hex() the hash is empty again");
    }

    @Test
    void aFeedingStreamHashesExactlyWhatItPassesOn() throws Exception {
        Sha256 sha = new Sha256();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = sha.feeding(sink)) {
            out.write('a');
            out.write("bcdef".getBytes(StandardCharsets.US_ASCII), 1, 3);
        }

        assertArrayEquals("acde".getBytes(StandardCharsets.US_ASCII), sink.toByteArray());
        assertEquals(sha256sum(sink.toByteArray()), sha.hex());
    }

    /** The oracle: the hex digest sha256sum prints for {@code data} on its stdin. */
    static String sha256sum(byte[] data) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sha256sum").redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(data);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "sha256sum did not finish");
        assertEquals(0, p.exitValue(), output);
        return output.substring(0, 64);
    }
}
