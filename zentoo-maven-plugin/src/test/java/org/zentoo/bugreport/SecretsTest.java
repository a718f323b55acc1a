package org.zentoo.bugreport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Screening a file for secret values. */
class SecretsTest {

    @Test
    void replacesEveryOccurrenceTheLongestFirst(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("environment");
        Files.writeString(f, "A=s3cret-pass\nB=s3cret-pass-and-more\n");
        assertTrue(Secrets.of(List.of("s3cret-pass", "s3cret-pass-and-more")).screen(f));
        assertEquals("A=" + Secrets.MARK + "\nB=" + Secrets.MARK + "\n", Files.readString(f));
        assertFalse(Secrets.of(List.of("s3cret-pass")).screen(f), "nothing left to replace");
    }

    @Test
    void ignoresValuesTooShortToBeTellingAndKeepsOtherBytes(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("bin");
        byte[] bytes = {(byte) 0xff, 'a', 'b', 'c', (byte) 0xfe, '\n'};
        Files.write(f, bytes);
        assertEquals(0, Secrets.of(Arrays.asList("abc", "", null)).size());
        assertFalse(Secrets.of(List.of("abc")).screen(f));
        assertArrayEquals(bytes, Files.readAllBytes(f));
    }

    @Test
    void anArmoredKeyIsScreenedLineByLineAndABinaryKeyWhole(@TempDir Path tmp) throws IOException {
        String armored = "-----BEGIN PGP PRIVATE KEY BLOCK-----\nComment: x\n\nlQOYBGZ1c2Vy\nX2tleV9saW5l\n=AbCd\n"
                + "-----END PGP PRIVATE KEY BLOCK-----\n";
        Secrets s = Secrets.NONE.andKey(armored.getBytes(StandardCharsets.US_ASCII));
        Path f = tmp.resolve("log");
        Files.writeString(f, "gpg printed X2tleV9saW5l here\n");
        assertTrue(s.screen(f));
        assertEquals("gpg printed " + Secrets.MARK + " here\n", Files.readString(f));

        byte[] binary = {(byte) 0x95, 0x01, (byte) 0xd8, 0x04, 0x66, 0x75};
        Path g = tmp.resolve("dump");
        byte[] content = new byte[binary.length + 2];
        content[0] = 'x';
        System.arraycopy(binary, 0, content, 1, binary.length);
        content[content.length - 1] = 'y';
        Files.write(g, content);
        assertTrue(Secrets.NONE.andKey(binary).screen(g));
        assertEquals("x" + Secrets.MARK + "y", Files.readString(g));
    }
}
