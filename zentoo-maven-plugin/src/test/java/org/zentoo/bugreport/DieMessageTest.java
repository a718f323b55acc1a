package org.zentoo.bugreport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The die message of a real build.log: the one Portage 3.0.83 wrote for the fixture
 * app-misc/broken in the test stage (colour codes and all), and the ebuild line found
 * in the fixture ebuild itself.
 */
class DieMessageTest {

    static List<String> brokenLog() throws IOException {
        try (InputStream in = DieMessageTest.class.getResourceAsStream("broken-build.log")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void readsPhaseMessageStackAndSnippetOfPortagesOwnLog() throws IOException {
        DieMessage die = DieMessage.parse(brokenLog());
        assertEquals("app-misc/broken-1.0", die.cpv());
        assertEquals("zentoo-test", die.repository());
        assertEquals("compile", die.phase());
        assertEquals(List.of("fixture compile failed on purpose"), die.message());
        assertEquals(List.of("ebuild.sh, line 143:  Called src_compile", "environment, line 184:  Called die"),
                die.callStack());
        assertEquals("die \"fixture compile failed on purpose\"", die.snippet());
    }

    @Test
    void findsTheEbuildLineOfTheSnippetInTheFixtureEbuild() throws IOException {
        Path ebuild = Path.of("../it/stage/repo/app-misc/broken/broken-1.0.ebuild");
        List<String> lines = Files.readAllLines(ebuild);
        DieMessage die = DieMessage.parse(brokenLog()).inEbuild("broken-1.0.ebuild", lines);
        int expected = lines.indexOf("\tdie \"fixture compile failed on purpose\"") + 1;
        assertTrue(expected > 0, "the fixture ebuild calls die as the log quotes it");
        assertEquals("broken-1.0.ebuild:" + expected, die.ebuildLine());
        assertTrue(die.text().contains("ebuild line: broken-1.0.ebuild:" + expected + "\n"), die.text());
        assertTrue(die.text().startsWith("package: app-misc/broken-1.0::zentoo-test\nphase: compile\n"), die.text());
    }

    @Test
    void keepsEveryLineOfAMultiLineMessageAndComparesFailures() {
        List<String> log = List.of(">>> Installing", " * ERROR: dev-libs/foo-2.1-r1::gentoo failed (install phase):",
                " *   first line", " *   second line", " * ", " * Call stack:", " *   environment, line 9:  Called die",
                " * The specific snippet of code:", " *       die \"x\"", " * ",
                " * If you need support, post the output of `emerge --info '=dev-libs/foo-2.1-r1::gentoo'`,");
        DieMessage die = DieMessage.parse(log);
        assertEquals("dev-libs/foo-2.1-r1", die.cpv());
        assertEquals("install", die.phase());
        assertEquals("first line second line", die.summary());
        assertTrue(die.sameFailure(DieMessage.parse(log)));
        List<String> other = log.stream().map(l -> l.replace("install phase", "compile phase")).toList();
        assertFalse(die.sameFailure(DieMessage.parse(other)));
    }

    @Test
    void aLogWithoutDieMessageSaysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DieMessage.parse(List.of(">>> Compiling source", "make: *** Error 2")));
        assertTrue(e.getMessage().contains("no die message"), e.getMessage());
    }
}
