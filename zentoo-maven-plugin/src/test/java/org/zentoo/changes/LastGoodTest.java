package org.zentoo.changes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.config.ConfigException;
import org.zentoo.lock.LockedPackage;
import org.zentoo.lock.MachineLock;
import org.zentoo.site.Site;
import org.zentoo.testing.SiteFiles;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LastGoodTest {

    private static final String SHA = "a".repeat(64);
    private static final String SEED = "sha256:" + "1".repeat(64);
    private static final String SNAP = "sha256:" + "2".repeat(64);

    @TempDir
    Path root;

    private static MachineLock lock(LockedPackage... packages) {
        return new MachineLock("m", "stage:tag", SEED, "seed", SNAP, "sha256:" + "3".repeat(64), "amd64-x",
                Optional.empty(), MachineLock.byName(List.of(packages)));
    }

    private static Map<String, Boolean> use(String... tokens) {
        return new LinkedHashMap<>(LastGood.flags(List.of(tokens)));
    }

    /** Set "flags" turns bad on at its package.use line 2; nothing sets "quiet". */
    private UseOrigins origins() throws ConfigException {
        Site site = Site.load(new SiteFiles(root)
                .file("sets/flags/package.use", "# a comment", "app-misc/flagfail bad")
                .machine("m", "flags").config());
        return UseOrigins.of(site, site.machine("m"));
    }

    @Test
    void aFlagTurnedOnIsNamedWithItsLineNowAndTheVerdictBlamesIt() throws ConfigException {
        LastGood g = LastGood.of("app-misc/flagfail-1.0", use("bad", "-quiet"), SEED, SNAP,
                lock(new LockedPackage("app-misc/flagfail-1.0", "zentoo-test", SHA, List.of("-bad", "-quiet")),
                        new LockedPackage("app-misc/hello-1.0", "zentoo-test", SHA, List.of("bad"))),
                origins()).orElseThrow();
        assertEquals(List.of(new Changes.UseChange("app-misc/flagfail", "1.0", "bad", false, true,
                "by config/sets/flags/package.use:2 (set flags)")), g.use());
        assertEquals("last good app-misc/flagfail-1.0 (zentoo.lock): USE +bad", g.consoleLine());
        assertEquals("=app-misc/flagfail-1.0 -bad -quiet", g.lockedUseLine());
        String text = g.text();
        assertTrue(text.contains("version   1.0 (locked)  same version now\n"), text);
        assertTrue(text.contains("seed      " + SEED + " (locked)  same seed now\n"), text);
        assertTrue(text.contains("USE       \"-bad -quiet\" (locked)  now \"bad -quiet\"\n"), text);
        assertTrue(text.contains("          +bad  now set by config/sets/flags/package.use:2 (set flags)\n"), text);
        assertTrue(text.contains("git log -n 1 -S '" + SHA + "' -- zentoo.lock"), text);
        assertEquals("builds with the locked USE; fails with +bad, set by config/sets/flags/package.use:2 (set flags)",
                g.verdict(LastGood.Retry.BUILDS, ""));
        assertEquals("fails with the locked USE too: not a USE change", g.verdict(LastGood.Retry.FAILS, ""));
    }

    @Test
    void anotherVersionSeedAndSnapshotWithTheSameUseIsNotAUseChange() {
        LastGood g = LastGood.of("app-misc/broken-1.0", use(), "sha256:" + "9".repeat(64), SNAP,
                lock(new LockedPackage("app-misc/broken-0.9", "zentoo-test", SHA, List.of())), UseOrigins.NONE)
                .orElseThrow();
        assertEquals(List.of(), g.use());
        assertEquals("last good app-misc/broken-0.9 (zentoo.lock): version 0.9 -> 1.0, same USE, another seed",
                g.consoleLine());
        String text = g.text();
        assertTrue(text.contains("version   0.9 (locked)  now 1.0\n"), text);
        assertTrue(text.contains("seed      " + SEED + " (locked)  now sha256:" + "9".repeat(64) + "\n"), text);
        assertTrue(text.contains("snapshot  " + SNAP + " (locked)  same snapshot now\n"), text);
        assertTrue(text.contains("          no flag differs\n"), text);
        assertEquals("fails with the locked USE too: not a USE change", g.verdict(LastGood.Retry.FAILS, ""));
        assertTrue(g.verdict(LastGood.Retry.BUILDS, "").startsWith("builds with the locked USE, which is the USE it"
                + " failed with: the failure did not repeat"), g.verdict(LastGood.Retry.BUILDS, ""));
        assertEquals("not tried with the locked USE: its dependencies are missing",
                g.verdict(LastGood.Retry.NOT_TRIED, "its dependencies are missing"));
    }

    @Test
    void flagsNewOrGoneFromIuseAreSaidAsSuch() {
        LastGood g = LastGood.of("a/p-2", use("new", "-off"), SEED, SNAP,
                lock(new LockedPackage("a/p-1", "r", SHA, List.of("gone", "off"))), UseOrigins.NONE).orElseThrow();
        String text = g.text();
        assertTrue(text.contains("          +new  new in IUSE; now set origin not known\n"), text);
        assertTrue(text.contains("          -off  now unset origin not known\n"), text);
        assertTrue(text.contains("          (+gone)  not in IUSE any more (was on)\n"), text);
        assertEquals("builds with the locked USE; fails with +new, set origin not known; -off, unset origin not known",
                g.verdict(LastGood.Retry.BUILDS, ""));
    }

    @Test
    void noLockedInstanceOfThePackageMeansNothingToCompare() {
        assertEquals(Optional.empty(), LastGood.of("a/other-1", use(), SEED, SNAP,
                lock(new LockedPackage("a/p-1", "r", SHA, List.of())), UseOrigins.NONE));
    }
}
