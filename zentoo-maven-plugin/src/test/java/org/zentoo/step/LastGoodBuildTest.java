package org.zentoo.step;

import org.junit.jupiter.api.Test;
import org.zentoo.changes.LastGood;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LastGoodBuildTest {

    private static final String M = LastGoodBuild.MARKER;

    @Test
    void theRetryBuildsOnlyThePackageIntoAScratchPkgdirAndRemovesIt() {
        String script = LastGoodBuild.script("app-misc/flagfail-1.0");
        assertTrue(script.contains("--onlydeps --usepkg --binpkg-respect-use=y --pretend '=app-misc/flagfail-1.0'"),
                script);
        assertTrue(script.contains("PKGDIR=/var/tmp/zentoo-last-good/packages FEATURES=\"$FEATURES buildpkg\" emerge"
                + " --color=n --nospinner --verbose --oneshot --nodeps '=app-misc/flagfail-1.0'; rc=$?;"
                + " rm -rf /var/tmp/zentoo-last-good;"), script);
    }

    @Test
    void itsOutcomeFromTheMarkersAndPortagesErrorLine() {
        String cpvr = "app-misc/broken-1.0";
        assertEquals(new LastGoodBuild.Result(LastGood.Retry.BUILDS, ""),
                LastGoodBuild.result(List.of(">>> Emerging (1 of 1) app-misc/broken-1.0::t", M + "exit 0"), cpvr));
        assertEquals(new LastGoodBuild.Result(LastGood.Retry.FAILS, ""), LastGoodBuild.result(List.of(
                " * ERROR: app-misc/broken-1.0::t failed (compile phase):", M + "exit 1"), cpvr));
        assertEquals(LastGood.Retry.NOT_TRIED, LastGoodBuild.result(List.of(M + "exit 1"), cpvr).retry());
        assertEquals(new LastGoodBuild.Result(LastGood.Retry.NOT_TRIED, "its dependencies did not install"),
                LastGoodBuild.result(List.of(M + "not-tried: its dependencies did not install"), cpvr));
    }
}
