package org.zentoo.atom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PMS 3.3's algorithms, one case per rule, and the cases Portage's vercmp is known to give. */
class VersionTest {

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
            // 3.2: the first component as an integer
            "4.0, 5.0", "9, 10", "999999999999999999999999999998, 999999999999999999999999999999",
            // 3.3: later components; with a leading zero, as strings with trailing zeros stripped
            "1.01, 1.1", "1.001, 1.01", "1.2, 1.10", "1.001000000000000000001, 1.001000000000000000002",
            "1.00100000000, 1.0010000000000000001",
            // more components is greater
            "5, 5.0", "1.0, 1.0.0", "1.0b, 1.0.0", "12.2b, 12.2.5",
            // 3.4: letters, none first
            "1, 1b", "1.1, 1.1b", "1.0a, 1.0b", "1_p1, 1b_p1",
            // 3.5: suffixes alpha < beta < pre < rc < none < p, then their numbers
            "1.0_alpha, 1.0_beta", "1.0_alpha1, 1.0_beta1", "1.0_beta3, 1.0_rc3", "1.0_pre2, 1.0_p2",
            "1.0_alpha2, 1.0_p2", "1.0_rc, 1.0", "1.0, 1.0_p", "1.0_p, 1.0_p1", "1.0_rc1, 1.0_rc2",
            "1.0_rc9, 1.0_rc10", "1.0_alpha_alpha, 1.0_alpha", "1.0_alpha, 1.0_alpha_p",
            "1.0_rc1_pre1, 1.0_rc1", "1.0_p1_alpha, 1.0_p1",
            // 3.6: revisions
            "1.0-r0, 1.0-r1", "1.0, 1.0-r1", "1.0-r9, 1.0-r10", "1.0-r99, 1.0.1"
    })
    void ordered(String lower, String higher) {
        Version a = Version.parse(lower);
        Version b = Version.parse(higher);
        assertTrue(a.compareTo(b) < 0, lower + " < " + higher);
        assertTrue(b.compareTo(a) > 0, higher + " > " + lower);
        assertFalse(a.equals(b));
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource({"4.0, 4.0", "1.0-r0, 1.0", "1.0, 1.0-r0", "1.0-r1, 1.0-r1", "1.0, 1.00", "1.01, 1.010",
            "1.0_p, 1.0_p0", "1.0-r01, 1.0-r1"})
    void equal(String x, String y) {
        Version a = Version.parse(x);
        Version b = Version.parse(y);
        assertEquals(0, a.compareTo(b));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void sortsAsPortageDoes() {
        List<String> expected = List.of("0.9", "1.0_alpha", "1.0_alpha1", "1.0_beta", "1.0_pre", "1.0_rc1", "1.0",
                "1.0-r1", "1.0_p1", "1.0a", "1.0.1", "1.1", "2");
        List<Version> versions = new ArrayList<>(expected.stream().map(Version::parse).toList());
        Collections.reverse(versions);
        Collections.sort(versions);
        assertEquals(expected, versions.stream().map(Version::toString).toList());
    }

    @Test
    void rejectsWhatPmsDoesNotAllow() {
        for (String bad : List.of("", "a1", "1.", ".1", "1..2", "1ab", "1_gamma", "1-r", "1-r1-r2", "1.0_RC1", "1 ")) {
            assertFalse(Version.isValid(bad), bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Version.parse(bad));
            assertTrue(e.getMessage().contains("PMS 3.2"), e.getMessage());
        }
    }
}
