package org.zentoo.machine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.config.ConfigException;
import org.zentoo.set.SetDefinition;
import org.zentoo.site.Site;
import org.zentoo.testing.SiteFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiteTest {

    @TempDir
    Path root;

    private SiteFiles site() {
        return new SiteFiles(root);
    }

    private static ConfigException fails(SiteFiles s) {
        return assertThrows(ConfigException.class, () -> Site.load(s.config()));
    }

    @Test
    void stackIsDepthFirstWithEachSetOnceAtItsFirstPosition() throws ConfigException {
        SiteFiles s = site().set("zentoo/base").set("a", "zentoo/base").set("b", "zentoo/base", "a")
                .set("c", "b", "a").machine("web01", "c", "zentoo/base");
        Machine m = Site.load(s.config()).machine("web01");
        assertEquals(List.of("zentoo/base", "a", "b", "c", "web01"), m.stack().stream().map(SetDefinition::id).toList());
        assertTrue(m.stack().get(4).machine());
    }

    @Test
    void machineAndSetMayShareAnId() throws ConfigException {
        SiteFiles s = site().set("web").machine("web", "web");
        assertEquals(2, Site.load(s.config()).machine("web").stack().size());
    }

    @Test
    void cycleIsAnErrorNamingItsPath() {
        SiteFiles s = site().set("a", "b").set("b", "c").set("c", "a").machine("m", "a");
        ConfigException e = fails(s);
        assertTrue(e.getMessage().matches("config/sets/[abc]/parent:1: cycle in parent sets: .* -> .* -> .* -> .*"),
                e.getMessage());
    }

    @Test
    void unknownSetIdNamesTheParentLine() {
        SiteFiles s = site().set("a").file("sets/b/parent", "# first", "a", "nope").machine("m", "b");
        ConfigException e = fails(s);
        assertEquals("config/sets/b/parent:3: unknown set id 'nope': expected a directory config/sets/nope", e.getMessage());
    }

    @Test
    void unknownSetInMachineParent() {
        ConfigException e = fails(site().machine("m", "missing"));
        assertTrue(e.getMessage().startsWith("config/machines/m/parent:1: unknown set id 'missing'"), e.getMessage());
    }

    @Test
    void siteConfGivesDefaultsAndMachinesOverride() throws ConfigException {
        SiteFiles s = site()
                .file("site.conf", "PROFILE=\"default/linux/amd64/23.0\"", "SEED=\"gentoo/stage3:amd64-openrc\"",
                        "SNAPSHOT=\"2026-01-01\"", "USE_EXPAND_EXTRA=\"MY_CARDS\"")
                .file("machines/a/machine.conf", "KERNEL=\"sys-kernel/gentoo-kernel\"")
                .file("machines/b/machine.conf", "SEED=\"file:///srv/stage3.tar.xz\"", "SNAPSHOT=\"2026-02-02\"");
        Site site = Site.load(s.config());
        Machine a = site.machine("a");
        assertEquals("default/linux/amd64/23.0", a.profile());
        assertEquals("gentoo/stage3:amd64-openrc", a.seed());
        assertEquals("sys-kernel/gentoo-kernel", a.kernel());
        assertEquals("2026-01-01", a.snapshot());
        Machine b = site.machine("b");
        assertEquals("file:///srv/stage3.tar.xz", b.seed());
        assertEquals("", b.kernel());
        assertEquals("2026-02-02", b.snapshot());
        assertTrue(site.useExpand().contains("MY_CARDS"));
    }

    @Test
    void machineWithoutProfileOrSeedFails() {
        ConfigException e = fails(site().file("machines/m/machine.conf", "SEED=\"x:1\""));
        assertEquals("config/machines/m/machine.conf", e.file());
        assertEquals(0, e.line());
        assertTrue(e.problem().startsWith("no PROFILE"), e.getMessage());
        e = fails(new SiteFiles(root.resolve("other")).file("machines/m/machine.conf", "PROFILE=\"p\""));
        assertTrue(e.problem().startsWith("no SEED"), e.getMessage());
    }

    @Test
    void unusableSeedOrSnapshotNamesItsFileAndLine() {
        ConfigException e = fails(site().machine("m").file("machines/m/machine.conf", "PROFILE=\"p\"",
                "# pinned below", "SEED=\"gentoo/stage3\""));
        assertEquals("config/machines/m/machine.conf", e.file());
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("neither a tag nor a digest"), e.getMessage());
        e = fails(new SiteFiles(root.resolve("snap")).machine("m").file("site.conf", "SNAPSHOT=\"2026-13-45\""));
        assertEquals("config/site.conf", e.file());
        assertEquals(1, e.line());
        assertTrue(e.problem().startsWith("SNAPSHOT=\"2026-13-45\" is not usable"), e.getMessage());
    }

    @Test
    void unknownMachineKeyIsAnError() {
        ConfigException e = fails(site().machine("m").file("machines/m/machine.conf", "PROFILE=p", "SEED=s", "USE=x"));
        assertEquals(3, e.line());
    }

    @Test
    void machineIdMustBeAClassifier() {
        ConfigException e = fails(site().machine("web 01"));
        assertTrue(e.getMessage().startsWith("config/machines/web 01/machine.conf: machine id 'web 01' cannot be a Maven classifier"),
                e.getMessage());
        ConfigException clash = fails(new SiteFiles(root.resolve("o")).machine("a/b").machine("a-b"));
        assertTrue(clash.problem().contains("same classifier"), clash.getMessage());
    }

    @Test
    void machineDirectoryWithoutMachineConfFails() {
        ConfigException e = fails(site().file("machines/m/make.conf", "USE=x"));
        assertEquals("config/machines/m/machine.conf:0", e.file() + ":" + e.line());
    }

    @Test
    void nestedMachinesAndShippedDefaults() throws ConfigException {
        Site s = Site.load(site().machine("zentoo/minimal").machine("web01").machine("dc/db01").config());
        assertEquals(List.of("dc/db01", "web01"), s.defaultMachines());
        assertEquals("zentoo-minimal", s.machine("zentoo/minimal").classifierId());
    }

    @Test
    void everyMistakeInTheSiteIsReportedAtOnceWithFileAndLine() {
        SiteFiles s = site().set("web").file("sets/web/packages", "www-servers/nginx", ">=www-servers/apache")
                .file("sets/web/package.use", "www-servers/nginx +ssl")
                .machine("web01", "web").file("machines/web01/machine.conf", "SEED=\"gentoo/stage3:amd64-openrc\"")
                .machine("db01", "nosuchset");
        ConfigException e = fails(s);
        List<String> lines = e.getMessage().lines().toList();
        assertEquals("4 mistakes in the site's configuration; fix each, then run again:", lines.get(0));
        assertEquals(List.of(
                "config/sets/web/packages:2: malformed atom '>=www-servers/apache': the operator '>=' needs a version: expected >=category/package-VERSION",
                "config/sets/web/package.use:1: malformed USE token: '+ssl' starts with '+': write 'ssl'",
                "config/machines/db01/parent:1: unknown set id 'nosuchset': expected a directory config/sets/nosuchset",
                "config/machines/web01/machine.conf: no PROFILE: expected PROFILE=\"...\" in machine.conf or in site.conf"),
                lines.subList(1, lines.size()));
        assertEquals(4, e.problems().size());
    }

    @Test
    void everyBadLineOfOneFileIsReported() {
        ConfigException e = fails(site().set("web").file("sets/web/package.accept_keywords", "a/b ~amd64", "a/c ~am!d64",
                "a/d", "e ~x86").machine("m", "web"));
        assertEquals(List.of("config/sets/web/package.accept_keywords:2", "config/sets/web/package.accept_keywords:4"),
                e.problems().stream().map(p -> p.file() + ":" + p.line()).toList(), e.getMessage());
    }

    @Test
    void aProfileFromSiteConfNamesItsLineThere() throws ConfigException {
        Site s = Site.load(site().file("site.conf", "# defaults", "PROFILE=\"default/linux/amd64/23.0\"")
                .machine("web01").file("machines/web01/machine.conf", "", "SEED=\"gentoo/stage3:amd64-openrc\"").config());
        assertEquals("config/site.conf:2", s.machine("web01").keyLine(MachineKeys.PROFILE).toString());
        assertEquals("config/machines/web01/machine.conf:2", s.machine("web01").keyLine(MachineKeys.SEED).toString());
    }

    @Test
    void strictMakesAnUnknownFileAnErrorNamingTheClosestName() {
        SiteFiles s = site().set("web").file("sets/web/package.accept_keyword", "a/b ~amd64").machine("m", "web");
        ConfigException e = assertThrows(ConfigException.class, () -> Site.load(s.config(), true));
        assertTrue(e.getMessage().startsWith("config/sets/web/package.accept_keyword: unknown file: did you mean"
                + " package.accept_keywords? a set directory holds parent, packages, make.conf, package.use,"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(-Dzentoo.strict makes this an error): rename or remove it"), e.getMessage());
    }

    @Test
    void theUnknownFileWarningListsEveryValidName() throws ConfigException {
        Site s = Site.load(site().set("web").file("sets/web/pakages", "a/b").machine("m", "web")
                .file("machines/m/machine.cnf", "").config());
        assertEquals(2, s.warnings().size(), s.warnings().toString());
        // Independent of SetFiles: the names config/README.md documents.
        for (String name : List.of("parent", "packages", "make.conf", "package.use", "package.accept_keywords",
                "package.mask", "package.unmask", "package.license", "package.env", "package.accept_restrict",
                "repos.conf", "kernel.config", "services", "env/", "patches/", "overlay/", "tests/")) {
            assertTrue(s.warnings().get(0).contains(" " + name + ",") || s.warnings().get(0).contains(" " + name + ";"),
                    name + " missing from: " + s.warnings().get(0));
        }
        assertTrue(s.warnings().get(0).contains("did you mean packages?"), s.warnings().get(0));
        assertTrue(s.warnings().get(1).startsWith("config/machines/m/machine.cnf: unknown file, ignored (did you mean"
                + " machine.conf?"), s.warnings().get(1));
    }

    @Test
    void unknownFileIsAWarningNamingIt() throws ConfigException {
        Site s = Site.load(site().set("web").file("sets/web/package.uses", "a/b x").machine("m", "web").config());
        assertEquals(1, s.warnings().size());
        assertTrue(s.warnings().get(0).startsWith("config/sets/web/package.uses: unknown file"), s.warnings().get(0));
    }

    @Test
    void unreadableFileFails() throws Exception {
        SiteFiles s = site().set("web").machine("m", "web");
        Files.createSymbolicLink(s.config().resolve("sets/web/make.conf"), root.resolve("does-not-exist"));
        ConfigException e = fails(s);
        assertTrue(e.getMessage().startsWith("config/sets/web/make.conf: cannot read"), e.getMessage());
    }

    @Test
    void nonUtf8FileFails() throws Exception {
        SiteFiles s = site().set("web").machine("m", "web");
        Files.write(s.config().resolve("sets/web/packages"), new byte[]{'a', '/', 'b', (byte) 0xff, '\n'});
        assertTrue(fails(s).problem().contains("UTF-8"));
    }

    @Test
    void everyFileKindIsChecked() {
        String[][] cases = {
                {"packages", "app-misc/hello\n>=app-misc/hello", "2"},
                {"packages", "*/*", "1"},
                {"packages", "a/b c/d", "1"},
                {"package.use", "*/* VIDEO_CARDS: -* amdgpu\napp-misc/hello +ssl", "2"},
                {"package.use", "app-misc/hello", "1"},
                {"package.use", "app-misc/hello video_cards: x", "1"},
                {"package.use", "app-misc/hello ok\n=app-misc/hello ssl", "2"},
                {"package.accept_keywords", "app-misc/hello ~amd64 **\napp-misc/x ~am$d", "2"},
                {"package.mask", ">=app-misc/hello-2\napp-misc/hello extra", "2"},
                {"package.unmask", "app-misc/hello:", "1"},
                {"package.license", "app-misc/hello @BINARY-REDISTRIBUTABLE\napp-misc/x", "2"},
                {"package.env", "app-misc/hello no-lto.conf\napp-misc/x bad/name", "2"},
                {"package.accept_restrict", "app-misc/hello bindist\napp-misc/x b!", "2"},
                {"kernel.config", "CONFIG_VIRTIO=y\n# CONFIG_DEBUG is not set\nCONFIG_X=\"a b\"\nCONFIG_Y=maybe", "4"},
                {"services", "sshd default\nsshd.service\nbad one two", "3"},
                {"repos.conf", "[x]\nlocation = /x\nnonsense", "3"},
                {"make.conf", "USE=\"a\"\nsource x", "2"},
                {"parent", "two words", "1"},
        };
        for (String[] c : cases) {
            Path dir = root.resolve(c[0] + c[1].hashCode());
            SiteFiles s = new SiteFiles(dir).set("web").file("sets/web/" + c[0], c[1]).machine("m", "web");
            ConfigException e = assertThrows(ConfigException.class, () -> Site.load(s.config()), c[0] + ": " + c[1]);
            assertEquals("config/sets/web/" + c[0] + ":" + c[2], e.file() + ":" + e.line(), e.getMessage());
        }
    }

    @Test
    void packageFileAsADirectoryIsAnError() {
        ConfigException e = fails(site().file("sets/web/package.use/nginx", "www-servers/nginx ssl").machine("m", "web"));
        assertTrue(e.getMessage().startsWith("config/sets/web/package.use: is a directory: expected a file"),
                e.getMessage());
    }

    @Test
    void setsNoMachineUsesAreCheckedToo() {
        ConfigException e = fails(site().file("sets/unused/make.conf", "", "USE=\"ok b@d! \""));
        assertEquals("config/sets/unused/make.conf:2", e.file() + ":" + e.line());
        assertTrue(e.problem().startsWith("USE: 'b@d!' is not a USE flag"), e.getMessage());
    }

    @Test
    void goodFilesOfEveryKindLoad() throws ConfigException {
        SiteFiles s = site().set("web")
                .file("sets/web/packages", "app-misc/hello", "@zentoo-extra", "=dev-lang/python-3.12*")
                .file("sets/web/package.use", "*/* VIDEO_CARDS: -* amdgpu", "dev-libs/openssl:0/3 -* ssl", "app-*/* L10N: de")
                .file("sets/web/package.accept_keywords", "app-misc/hello", "app-misc/x ~amd64", "app-misc/y **")
                .file("sets/web/package.mask", ">=app-misc/hello-2")
                .file("sets/web/package.unmask", "=app-misc/hello-2.1")
                .file("sets/web/package.license", "app-misc/hello -* @FREE")
                .file("sets/web/package.env", "app-misc/hello no-lto.conf")
                .file("sets/web/package.accept_restrict", "app-misc/hello -bindist")
                .file("sets/web/kernel.config", "# virtio", "CONFIG_VIRTIO_PCI=y", "# CONFIG_DEBUG_INFO is not set",
                        "CONFIG_HZ=300", "CONFIG_LOCALVERSION=\"-zentoo\"")
                .file("sets/web/services", "sshd default", "getty@tty1.service")
                .file("sets/web/repos.conf", "[DEFAULT]", "main-repo = gentoo", "", "[guru]", "location = /var/db/repos/guru")
                .machine("m", "web");
        Site site = Site.load(s.config());
        assertTrue(site.warnings().isEmpty(), site.warnings().toString());
        assertEquals(3, site.sets().get("web").packages().size());
    }
}
