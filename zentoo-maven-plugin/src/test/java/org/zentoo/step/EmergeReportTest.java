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

    @Test
    void aMirrorsMissingLayoutConfIsExplainedAndARealFetchFailureIsNot() {
        // as Portage 3.0.83 prints it (fetch.py: async_mirror_url fetches ".layout.conf.<host>")
        String layout = EmergeReport.forConsole("!!! Couldn't download '.layout.conf.distfiles.gentoo.org'. Aborting.");
        assertTrue(layout.startsWith("mirror distfiles.gentoo.org: its layout.conf could not be fetched"), layout);
        assertTrue(layout.contains("harmless unless a distfile itself cannot be fetched"), layout);
        assertFalse(layout.startsWith("!!!"), layout);

        String distfile = "!!! Couldn't download 'hello-1.0.tar.gz'. Aborting.";
        assertEquals(distfile, EmergeReport.forConsole(distfile));
        assertEquals(">>> Emerging (1 of 3) app-misc/hello-1.0", EmergeReport.forConsole(">>> Emerging (1 of 3) app-misc/hello-1.0"));
        assertEquals(null, EmergeReport.forConsole("gcc -O2 -pipe -o hello hello.c"));
    }
}
