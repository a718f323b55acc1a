package org.zentoo.step;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmergeReportTest {

    @Test
    void countsCompiledAndBinaryMergesFromEmergeOutput() {
        EmergeReport r = new EmergeReport();
        List.of(">>> Emerging (1 of 3) app-misc/hello-1.0::zentoo-test",
                ">>> Emerging binary (2 of 3) app-misc/caps-1.0::zentoo-test",
                ">>> Emerging binary (3 of 3) app-misc/world-1.0::zentoo-test",
                ">>> Completed (3 of 3) app-misc/world-1.0::zentoo-test").forEach(r);
        assertEquals(List.of("app-misc/hello-1.0::zentoo-test"), r.compiled());
        assertEquals(List.of("app-misc/caps-1.0::zentoo-test", "app-misc/world-1.0::zentoo-test"), r.fromBinary());
    }

    @Test
    void findsPackagesWhoseBinpkgsHaveTheWrongUse() {
        EmergeReport r = new EmergeReport();
        r.accept("- app-misc/hello-1.0::zentoo-test (masked by: use flag configuration mismatch)");
        r.accept("- app-misc/other-2::zentoo-test (masked by: ~amd64 keyword)");
        assertEquals(List.of("app-misc/hello-1.0::zentoo-test"), r.useMismatches());
    }

    @Test
    void progressLinesAreTheOnesAPersonFollows() {
        assertTrue(EmergeReport.isProgress(">>> Emerging (1 of 3) app-misc/hello-1.0"));
        assertTrue(EmergeReport.isProgress("!!! All binary packages that could satisfy"));
        assertTrue(EmergeReport.isProgress("[zentoo] applying overlay files"));
        assertFalse(EmergeReport.isProgress("gcc -O2 -pipe -o hello hello.c"));
    }
}
