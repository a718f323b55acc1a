package org.zentoo.changes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.config.ConfigException;
import org.zentoo.json.Json;
import org.zentoo.site.Site;
import org.zentoo.testing.SiteFiles;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangesTest {

    @TempDir
    Path root;

    private static StageRecord stage(String source, String... packageLines) {
        return StageRecord.empty(source).withPackages(InstalledPackage.parseList(String.join("\n", packageLines),
                source));
    }

    private static StageRecord full(StageRecord r, Map<String, String> etc, Map<String, String> setid,
                                    Set<String> services) {
        return new StageRecord(r.source(), r.packages(), r.seed(), r.snapshot(), r.kernel(),
                Optional.of(new TreeMap<>(etc)), Optional.of(new TreeMap<>(setid)), Optional.of(new TreeSet<>(services)));
    }

    /** Two sets: greet turns greeting on for hello, base sets global USE; m2 does not stack greet. */
    private Site site() throws ConfigException {
        SiteFiles s = new SiteFiles(root)
                .file("sets/base/make.conf", "USE=\"colour -ipv6\"", "L10N=\"de\"")
                .file("sets/greet/parent", "base")
                .file("sets/greet/package.use", "# greetings", "app-misc/hello greeting -colour")
                .file("sets/quiet/package.use", "app-misc/world -*")
                .machine("m1", "greet", "quiet")
                .machine("m2", "base");
        return Site.load(s.config());
    }

    @Test
    void packagesAddedRemovedUpgradedDowngradedInPmsOrder() {
        StageRecord before = stage("old", "a/up-1.9::r USE=\"\"", "a/down-2.0_rc1::r USE=\"\"", "a/gone-1::r USE=\"\"",
                "a/same-1.0-r1::r USE=\"\"", "a/rev-1.0::r USE=\"\"", "dev-lang/py-3.11.9::r USE=\"\"",
                "dev-lang/py-3.12.1::r USE=\"\"");
        StageRecord after = stage("new", "a/up-1.10::r USE=\"\"", "a/down-2.0_beta9::r USE=\"\"",
                "a/new-0.1_p3::r USE=\"\"", "a/same-1.0-r1::r USE=\"\"", "a/rev-1.0-r1::r USE=\"\"",
                "dev-lang/py-3.12.1::r USE=\"\"", "dev-lang/py-3.13.0::r USE=\"\"");
        Changes c = Changes.between("m", before, after, UseOrigins.NONE);
        assertEquals(List.of(
                new Changes.PackageChange(Changes.PackageKind.DOWNGRADED, "a/down", "2.0_rc1", "2.0_beta9"),
                new Changes.PackageChange(Changes.PackageKind.REMOVED, "a/gone", "1", null),
                new Changes.PackageChange(Changes.PackageKind.ADDED, "a/new", null, "0.1_p3"),
                new Changes.PackageChange(Changes.PackageKind.UPGRADED, "a/rev", "1.0", "1.0-r1"),
                new Changes.PackageChange(Changes.PackageKind.UPGRADED, "a/up", "1.9", "1.10"),
                new Changes.PackageChange(Changes.PackageKind.REMOVED, "dev-lang/py", "3.11.9", null),
                new Changes.PackageChange(Changes.PackageKind.ADDED, "dev-lang/py", null, "3.13.0")), c.packages());
        String text = ChangesReport.text(c);
        assertTrue(text.contains("  upgraded a/up 1.9 -> 1.10\n"), text);
        assertTrue(text.contains("  downgraded a/down 2.0_rc1 -> 2.0_beta9\n"), text);
        assertTrue(text.contains("  removed a/gone-1\n"), text);
        assertTrue(text.contains("  added a/new-0.1_p3\n"), text);
        assertFalse(text.contains(ChangesReport.NO_CHANGE), text);
        // Neither record knows /etc, seed, snapshot, setuid files nor services: each is said.
        assertTrue(text.contains("Not compared:\n  seed: the previous record (old) does not have it\n"), text);
        assertTrue(text.contains("  /etc: the previous record (old) does not have it\n"), text);
    }

    @Test
    void useChangesAreAttributedToTheConfigLineOrToTheProfile() throws ConfigException {
        Site site = site();
        StageRecord before = stage("old", "app-misc/hello-1.0::t USE=\"colour -greeting -ipv6 l10n_de -l10n_fr\"",
                "app-misc/world-1.0::t USE=\"colour debug\"", "app-misc/other-1::t USE=\"-ipv6 -x\"");
        StageRecord after = stage("new", "app-misc/hello-1.0::t USE=\"-colour greeting -ipv6 -l10n_de l10n_fr\"",
                "app-misc/world-1.0::t USE=\"-colour -debug\"", "app-misc/other-1::t USE=\"ipv6 -y\"");
        Changes c = Changes.between("m1", before, after, UseOrigins.of(site, site.machine("m1")));
        Map<String, String> origins = new TreeMap<>();
        c.use().forEach(u -> origins.put(u.cp() + " " + u.flag(), u.origin()));
        assertEquals("by config/sets/greet/package.use:2 (set greet)", origins.get("app-misc/hello greeting"));
        assertEquals("by config/sets/greet/package.use:2 (set greet)", origins.get("app-misc/hello colour"));
        // L10N="de" in make.conf: l10n_de on by that line; installed off means the profile overrode it.
        assertTrue(origins.get("app-misc/hello l10n_de").startsWith("by the profile (a use.mask or use.force), over"
                + " config/sets/base/make.conf:2 (set base)"), origins.toString());
        // l10n_fr on although L10N names only de: nothing in config/ turns it on.
        assertEquals("by the profile or the ebuild's IUSE default (no config line sets it)",
                origins.get("app-misc/hello l10n_fr"));
        assertEquals("by config/sets/quiet/package.use:1 (set quiet) (-*)", origins.get("app-misc/world debug"));
        assertTrue(origins.get("app-misc/other ipv6").startsWith("by the profile (a use.mask or use.force), over"
                + " config/sets/base/make.conf:1"), origins.toString());
        // A flag that left IUSE has no origin; one that came has its state.
        Changes.UseChange x = c.use().stream().filter(u -> u.flag().equals("x")).findFirst().orElseThrow();
        assertEquals(null, x.after());
        assertEquals(null, x.origin());
        String text = ChangesReport.text(c);
        assertTrue(text.contains("  app-misc/hello-1.0: +greeting (was off) by config/sets/greet/package.use:2"
                + " (set greet)\n"), text);
        assertTrue(text.contains("  app-misc/other-1: x is no longer in IUSE (was off)\n"), text);
        assertTrue(text.contains("  app-misc/other-1: -y (new in IUSE) "), text);
        assertTrue(c.packages().isEmpty());
    }

    @Test
    void theOtherMachineSaysNoChange() throws ConfigException {
        Site site = site();
        StageRecord r = full(stage("stage3-m2.tar.xz", "app-misc/hello-1.0::t USE=\"colour -greeting\""),
                Map.of("/etc/motd", "file 0644 0:0 sha256:00"), Map.of(), Set.of("openrc:default/sshd"))
                .withSeed(new StageRecord.Pinned("img", "sha256:1")).withSnapshot(new StageRecord.Pinned("seed", "x"));
        Changes c = Changes.between("m2", r.withSource("m2.record.json"), r, UseOrigins.of(site, site.machine("m2")));
        assertTrue(c.unchanged());
        assertEquals(List.of(), c.notCompared());
        assertEquals("Changes of m2: stage3-m2.tar.xz compared with m2.record.json\nno change\n",
                ChangesReport.text(c));
        assertEquals("no change", ChangesReport.summary(c));
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(ChangesReport.json(c));
        assertEquals(true, json.get("unchanged"));
        assertEquals(List.of(), json.get("use"));
        assertEquals(null, json.get("platform"), "a machine whose platform is not known says none");

        // The machine's platform, under the head line and in the JSON.
        assertEquals("Changes of m2: stage3-m2.tar.xz compared with m2.record.json\nPlatform: linux/arm64\nno change\n",
                ChangesReport.text(c, "linux/arm64"));
        @SuppressWarnings("unchecked")
        Map<String, Object> arm = (Map<String, Object>) Json.parse(ChangesReport.json(c, "linux/arm64"));
        assertEquals("linux/arm64", arm.get("platform"));
    }

    @Test
    void aFirstStageIsNotNoChange() {
        Changes c = Changes.first("m1", stage("stage3-m1.tar.xz"));
        String text = ChangesReport.text(c);
        assertFalse(text.contains(ChangesReport.NO_CHANGE), text);
        assertTrue(text.contains("compared with nothing (no previous stage)"), text);
        assertEquals("no previous stage to compare with", ChangesReport.summary(c));
    }

    @Test
    void seedSnapshotKernelEtcSetuidAndServices() {
        StageRecord before = full(stage("old", "a/b-1::r USE=\"\""), Map.of("/etc/motd", "file 0644 0:0 sha256:aa",
                        "/etc/gone", "file 0644 0:0 sha256:bb", "/etc/runlevels/default/sshd", "symlink -> /etc/init.d/sshd"),
                Map.of("/usr/bin/su", "4755 0:0", "/usr/bin/old", "4711 0:0"), Set.of("openrc:default/sshd"))
                .withSeed(new StageRecord.Pinned("gentoo/stage3:amd64-openrc", "sha256:1111"))
                .withSnapshot(new StageRecord.Pinned("20260101", "sha512:aaaa"))
                .withKernel(new StageRecord.KernelConfig(StageRecord.KernelConfig.FRAGMENTS,
                        new TreeMap<>(Map.of("CONFIG_A", "y", "CONFIG_B", "m"))));
        StageRecord after = full(stage("new", "a/b-1::r USE=\"\""), Map.of("/etc/motd", "file 0644 0:0 sha256:cc",
                        "/etc/new", "file 4755 0:0 sha256:dd", "/etc/systemd/system/multi-user.target.wants/x.service",
                        "symlink -> /lib/systemd/system/x.service"),
                Map.of("/usr/bin/su", "4711 0:0", "/usr/bin/ping", "2755 0:0", "/etc/new", "4755 0:0"),
                Set.of("systemd:multi-user.target.wants/x.service"))
                .withSeed(new StageRecord.Pinned("gentoo/stage3:amd64-openrc", "sha256:2222"))
                .withSnapshot(new StageRecord.Pinned("20260101", "sha512:aaaa"))
                .withKernel(new StageRecord.KernelConfig(StageRecord.KernelConfig.FRAGMENTS,
                        new TreeMap<>(Map.of("CONFIG_A", "n", "CONFIG_C", "y"))));
        Changes c = Changes.between("m", before, after, UseOrigins.NONE);
        assertEquals(List.of(new Changes.PinChange("seed", before.seed().get(), after.seed().get())), c.pins());
        assertEquals(List.of(new Changes.OptionChange("CONFIG_A", "y", "n"), new Changes.OptionChange("CONFIG_B", "m",
                null), new Changes.OptionChange("CONFIG_C", null, "y")), c.kernel());
        assertEquals(Map.of("/etc/gone", Changes.FileKind.REMOVED, "/etc/motd", Changes.FileKind.CHANGED,
                "/etc/new", Changes.FileKind.ADDED, "/etc/runlevels/default/sshd", Changes.FileKind.REMOVED,
                "/etc/systemd/system/multi-user.target.wants/x.service", Changes.FileKind.ADDED), c.etcPaths());
        assertEquals(4, c.setid().size(), c.setid().toString());
        assertEquals(List.of(new Changes.ServiceChange(true, "systemd:multi-user.target.wants/x.service"),
                new Changes.ServiceChange(false, "openrc:default/sshd")), c.services());
        String text = ChangesReport.text(c);
        assertTrue(text.contains("Seed: gentoo/stage3:amd64-openrc (sha256:1111) -> gentoo/stage3:amd64-openrc"
                + " (sha256:2222)\n"), text);
        assertFalse(text.contains("Snapshot:"), text);
        assertTrue(text.contains("  CONFIG_A: y -> is not set\n  CONFIG_B: m -> (absent)\n"), text);
        assertTrue(text.contains("  added /etc/new (file 4755 0:0 sha256:dd)  SETUID/SETGID\n"), text);
        assertTrue(text.contains("setuid/setgid files:\n  added /etc/new (4755 0:0)\n  removed /usr/bin/old (4711 0:0)\n"
                + "  added /usr/bin/ping (2755 0:0)\n  changed /usr/bin/su (4755 0:0 -> 4711 0:0)\n"), text);
        assertTrue(text.contains("Services:\n  enabled systemd:multi-user.target.wants/x.service\n"
                + "  disabled openrc:default/sshd\n"), text);
        assertFalse(text.contains("Not compared"), text);
        assertEquals("1 seed/snapshot, 3 kernel options, 5 /etc, 4 setuid/setgid, 2 services"
                + " (+systemd:multi-user.target.wants/x.service; -openrc:default/sshd; added /etc/new;"
                + " removed /usr/bin/old)", ChangesReport.summary(c));
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(ChangesReport.json(c));
        assertEquals(false, json.get("unchanged"));
        assertEquals(3, ((List<?>) json.get("kernel")).size());
        Map<?, ?> b = (Map<?, ?>) ((List<?>) json.get("kernel")).get(1);
        assertEquals("CONFIG_B", b.get("option"));
        assertTrue(b.containsKey("after") && b.get("after") == null, b.toString());
    }

    @Test
    void kernelFromDifferentSourcesComparesOnlyWhatTheFragmentsName() {
        StageRecord before = stage("old").withKernel(new StageRecord.KernelConfig(StageRecord.KernelConfig.FRAGMENTS,
                new TreeMap<>(Map.of("CONFIG_VIRTIO_NET", "y"))));
        StageRecord after = stage("new").withKernel(new StageRecord.KernelConfig(StageRecord.KernelConfig.ARTIFACT,
                new TreeMap<>(Map.of("CONFIG_64BIT", "y", "CONFIG_VIRTIO_NET", "m"))));
        Changes c = Changes.between("m", before, after, UseOrigins.NONE);
        assertEquals(List.of(new Changes.OptionChange("CONFIG_VIRTIO_NET", "y", "m")), c.kernel());
        assertTrue(c.notCompared().stream().anyMatch(n -> n.startsWith("kernel options: only those")), c.notCompared()
                .toString());
    }

    @Test
    void aCompletedLockRecordComparesEverything() {
        StageRecord lock = stage("zentoo.lock", "a/b-2::r USE=\"x\"").withSeed(new StageRecord.Pinned("s", "d"));
        StageRecord stage = full(stage("stage3-m.tar.xz", "a/b-1::r USE=\"x\""), Map.of(), Map.of(), Set.of());
        StageRecord previous = lock.completedBy(stage);
        assertEquals("zentoo.lock and stage3-m.tar.xz", previous.source());
        assertEquals("2", previous.packages().get().get(0).version());
        assertTrue(previous.etc().isPresent());
    }

    @Test
    void aBadPackagesLineNamesFileAndLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InstalledPackage.parseList("a/b-1::r USE=\"\"\nnot-a-package\n", "packages-m.txt"));
        assertEquals("packages-m.txt:2: expected cat/pkg-ver::repo USE=\"...\", found \"not-a-package\"",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> InstalledPackage.parseList("a/b-1.x::r USE=\"\"\n", "p.txt"));
        assertTrue(e.getMessage().startsWith("p.txt:1: \"a/b-1.x\" is not a category/package-version"), e.getMessage());
        InstalledPackage p = InstalledPackage.parseList("x11-libs/gtk+-3.24.41-r1::gentoo USE=\"a -b\"", "p").get(0);
        assertEquals("x11-libs/gtk+", p.cp());
        assertEquals("3.24.41-r1", p.version());
        assertEquals("x11-libs/gtk+-3.24.41-r1::gentoo USE=\"a -b\"", p.line());
        assertEquals("dev-libs/foo-2bar", InstalledPackage.of("dev-libs/foo-2bar-1.0", "r", List.of()).cp());
    }
}
