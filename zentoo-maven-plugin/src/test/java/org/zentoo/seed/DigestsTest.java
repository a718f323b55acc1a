package org.zentoo.seed;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestsTest {

    private static final String SHA = "0123456789abcdef".repeat(8);
    private static final String OTHER = "fedcba9876543210".repeat(8);

    @Test
    void readsTheSha512OfEachFileAndIgnoresBlake2b() throws SeedException {
        Digests digests = Digests.parse("# BLAKE2B HASH\n" + OTHER + "  stage3.tar.xz\n"
                + "# SHA512 HASH\n" + SHA + "  stage3.tar.xz\n"
                + "# SHA512 HASH\n" + OTHER + "  stage3.tar.xz.CONTENTS.gz\n", "DIGESTS");

        assertEquals(Optional.of(SHA), digests.sha512("stage3.tar.xz"));
        assertEquals(Optional.of(OTHER), digests.sha512("stage3.tar.xz.CONTENTS.gz"));
        assertEquals(Optional.empty(), digests.sha512("other.tar.xz"));
    }

    @Test
    void acceptsUppercaseHexBinaryMarkerAndPathPrefix() throws SeedException {
        Digests digests = Digests.parse("# SHA512 HASH\r\n" + SHA.toUpperCase() + " *autobuilds/stage3.tar.xz\r\n", "D");

        assertEquals(Optional.of(SHA), digests.sha512("stage3.tar.xz"));
    }

    @Test
    void hashLineBeforeAnyHeaderIsNamedByLine() {
        SeedException error = assertThrows(SeedException.class,
                () -> Digests.parse("\n" + SHA + "  stage3.tar.xz\n", "stage3.tar.xz.DIGESTS"));

        assertEquals(SeedException.Problem.DIGESTS_UNUSABLE, error.problem());
        assertTrue(error.getMessage().startsWith("stage3.tar.xz.DIGESTS:2: "), error.getMessage());
    }

    @Test
    void shortSha512IsRefused() {
        SeedException error = assertThrows(SeedException.class,
                () -> Digests.parse("# SHA512 HASH\nabcdef  stage3.tar.xz\n", "D"));

        assertTrue(error.getMessage().contains("128 hex digits, found 6"), error.getMessage());
    }

    @Test
    void conflictingDigestsForOneFileAreRefused() {
        SeedException error = assertThrows(SeedException.class, () -> Digests.parse(
                "# SHA512 HASH\n" + SHA + "  s.tar.xz\n# SHA512 HASH\n" + OTHER + "  s.tar.xz\n", "D"));

        assertTrue(error.getMessage().contains("two different SHA512 digests for s.tar.xz"), error.getMessage());
    }

    @Test
    void garbageLineIsQuoted() {
        SeedException error = assertThrows(SeedException.class,
                () -> Digests.parse("# SHA512 HASH\n<html>not found</html>\n", "D"));

        assertTrue(error.getMessage().contains("found '<html>not found</html>'"), error.getMessage());
    }
}
