package org.zentoo.step;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailedBuildTest {

    @Test
    void thePackagePortageNamesFailedWithTheUseOfItsMergeListLine() {
        List<String> lines = List.of(
                "[ebuild  N     ] app-misc/hello-1.0::zentoo-test  USE=\"colour -greeting\" L10N=\"-de fr\" 1 KiB",
                "[ebuild  N     ] app-misc/flagfail-1.0::zentoo-test  USE=\"bad* (-forced) -new%\" L10N=\"de\" 0 KiB",
                ">>> Emerging (2 of 2) app-misc/flagfail-1.0::zentoo-test",
                " * ERROR: app-misc/flagfail-1.0::zentoo-test failed (compile phase):",
                " *   fixture compile failed with USE=bad");
        FailedBuild f = FailedBuild.in(lines).orElseThrow();
        assertEquals("app-misc/flagfail-1.0", f.cpvr());
        assertEquals("zentoo-test", f.repo());
        assertEquals("compile", f.phase());
        assertEquals(Map.of("bad", true, "forced", false, "new", false, "l10n_de", true), f.use());
        assertEquals(List.of("bad", "forced", "new", "l10n_de"), List.copyOf(f.use().keySet()));
    }

    @Test
    void noErrorLineNoFailedPackage() {
        assertEquals(Optional.empty(), FailedBuild.in(List.of("!!! emerge refused", "[ebuild  N     ] a/b-1::r")));
    }

    @Test
    void aFailureWithoutItsMergeListLineHasNoUse() {
        FailedBuild f = FailedBuild.in(List.of(" * ERROR: a/b-1-r2::gentoo failed (prepare phase):")).orElseThrow();
        assertEquals("a/b-1-r2", f.cpvr());
        assertEquals(Map.of(), f.use());
    }
}
