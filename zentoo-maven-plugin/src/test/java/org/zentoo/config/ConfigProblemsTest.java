package org.zentoo.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigProblemsTest {

    @Test
    void oneProblemIsThrownAsItIs() {
        ConfigProblems problems = new ConfigProblems();
        ConfigException only = new ConfigException("config/sets/a/packages", 3, "malformed atom");
        problems.add(only);
        assertSame(only, assertThrows(ConfigException.class, problems::throwIfAny));
    }

    @Test
    void aProblemMetTwiceIsListedOnceAndPastTheCapOnlyCounted() {
        ConfigProblems problems = new ConfigProblems();
        for (int i = 1; i <= ConfigProblems.CAP + 10; i++) {
            problems.add(new ConfigException("config/sets/a/packages", i, "malformed atom"));
            problems.add(new ConfigException("config/sets/a/packages", i, "malformed atom"));
        }
        ConfigException e = assertThrows(ConfigException.class, problems::throwIfAny);
        List<String> lines = e.getMessage().lines().toList();
        assertEquals("60 mistakes in the site's configuration; fix each, then run again:", lines.get(0));
        assertEquals("config/sets/a/packages:1: malformed atom", lines.get(1));
        assertEquals("config/sets/a/packages:50: malformed atom", lines.get(50));
        assertEquals("... and 10 more, not listed", lines.get(51));
        assertEquals(52, lines.size());
        assertEquals(ConfigProblems.CAP, e.problems().size());
    }

    @Test
    void aWholeFileProblemNamesTheFileWithoutLineZero() {
        ConfigException e = new ConfigException("config/machines/web01/machine.conf", 0, "no PROFILE");
        assertEquals("config/machines/web01/machine.conf: no PROFILE", e.getMessage());
        assertTrue(new ConfigException("f", 2, "x").getMessage().startsWith("f:2: "));
    }
}
