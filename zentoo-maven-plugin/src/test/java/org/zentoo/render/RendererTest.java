package org.zentoo.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.config.ConfigException;
import org.zentoo.site.Site;
import org.zentoo.testing.SiteFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RendererTest {

    @TempDir
    Path root;

    private SiteFiles webSite() {
        return new SiteFiles(root)
                .file("sets/zentoo/base/make.conf", "USE=\"-* acl\"", "FEATURES=\"buildpkg -sandbox\"", "CFLAGS=\"-O2\"")
                .file("sets/zentoo/base/packages", "app-admin/sudo", "app-editors/nano", "@zentoo-extra")
                .file("sets/zentoo/base/package.use", "*/* VIDEO_CARDS: -* fbdev")
                .file("sets/zentoo/base/kernel.config", "CONFIG_VIRTIO=y")
                .file("sets/zentoo/base/repos.conf", "[guru]", "location = /var/db/repos/guru")
                .file("sets/zentoo/base/env/no-lto.conf", "CFLAGS=\"${CFLAGS} -fno-lto\"")
                .file("sets/zentoo/base/patches/app-misc/hello/fix.patch", "--- a")
                .file("sets/zentoo/base/overlay/etc/motd", "base")
                .file("sets/zentoo/base/services", "sshd default")
                .file("sets/web/parent", "zentoo/base")
                .file("sets/web/make.conf", "USE=\"ssl -acl\"", "CFLAGS=\"${CFLAGS} -march=znver3\"")
                .file("sets/web/packages", "www-servers/nginx", "-app-editors/nano")
                .file("sets/web/package.use", "www-servers/nginx NGINX_MODULES_HTTP: gzip")
                .file("sets/web/package.accept_keywords", "www-servers/nginx ~amd64")
                .file("sets/web/overlay/etc/motd", "web")
                .file("sets/web/services", "nginx default", "sshd boot")
                .machine("web01", "web")
                .file("machines/web01/machine.conf", "PROFILE=\"guru:default/linux/amd64\"", "SEED=\"gentoo/stage3:amd64-openrc\"")
                .file("machines/web01/make.conf", "USE=\"zstd\"")
                .machine("zentoo/minimal", "zentoo/base");
    }

    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String rel = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p)) {
                    out.put(rel, Files.readString(p));
                }
            }
        }
        return out;
    }

    @Test
    void rendersEveryFileDesignLists() throws Exception {
        SiteFiles s = webSite();
        Path out = root.resolve("target/zentoo");
        RenderResult r = Renderer.render(Site.load(s.config()), List.of(), out);
        assertFalse(r.skipped());
        Map<String, String> t = tree(out);
        String m = "machines/web01/";
        String makeConf = t.get(m + "etc/portage/make.conf");
        assertTrue(makeConf.contains("\nUSE=\"-* ssl -acl zstd\"\n"), makeConf);
        assertTrue(makeConf.contains("\nCFLAGS=\"-O2 -march=znver3\"\n"), makeConf);
        assertTrue(makeConf.contains("#   USE from web (config/sets/web/make.conf:1): ssl -acl\n"), makeConf);
        assertTrue(makeConf.contains("#   3. web01 (machine)\n"), makeConf);
        assertEquals("-> /var/db/repos/guru/profiles/default/linux/amd64", t.get(m + "etc/portage/make.profile"));
        assertTrue(t.get(m + "etc/portage/package.use/01-zentoo-base").endsWith("*/* VIDEO_CARDS: -* fbdev\n"));
        assertTrue(t.get(m + "etc/portage/package.use/02-web").startsWith("# From config/sets/web/package.use"));
        assertTrue(t.containsKey(m + "etc/portage/package.accept_keywords/02-web"));
        assertTrue(t.containsKey(m + "etc/portage/repos.conf/01-zentoo-base.conf"));
        assertTrue(t.containsKey(m + "etc/portage/env/no-lto.conf"));
        assertTrue(t.containsKey(m + "etc/portage/patches/app-misc/hello/fix.patch"));
        assertTrue(t.get(m + "etc/kernel/config.d/01-zentoo-base.config").contains("CONFIG_VIRTIO=y"));
        assertEquals("@zentoo\n", t.get(m + "var/lib/portage/world_sets"));
        String world = t.get(m + "etc/portage/sets/zentoo");
        assertTrue(world.contains("\napp-admin/sudo # zentoo/base\n@zentoo-extra # zentoo/base\nwww-servers/nginx # web\n"), world);
        assertFalse(world.contains("nano"), world);
        assertEquals("web\n", t.get("assembly/web01/overlay/etc/motd"));
        String services = t.get("assembly/web01/services");
        assertTrue(services.contains("\nnginx default # config/sets/web/services:1\nsshd boot # config/sets/web/services:2\n"), services);
        assertFalse(t.keySet().stream().anyMatch(k -> k.contains("zentoo/minimal")), "shipped machines only on request");
    }

    @Test
    void testsStackLikeTheOverlayAndStayOutOfTheAssemblyInputs() throws Exception {
        SiteFiles s = webSite()
                .file("sets/zentoo/base/tests/portage", "#!/bin/sh", "echo base")
                .file("sets/zentoo/base/tests/motd", "#!/bin/sh", "echo base motd")
                .file("sets/web/tests/motd", "#!/bin/sh", "echo web motd")
                .file("sets/web/tests/boot/kernel", "#!/bin/sh", "uname -r");
        Site site = Site.load(s.config());
        assertEquals(List.of(), site.warnings(), "tests/ is a set directory, not a nested set");
        Path out = root.resolve("target/zentoo");
        Renderer.render(site, List.of(), out);
        Map<String, String> t = tree(out);
        assertEquals("#!/bin/sh\necho web motd\n", t.get("tests/web01/motd"), "the later set's script replaces");
        assertEquals("#!/bin/sh\necho base\n", t.get("tests/web01/portage"));
        assertEquals("#!/bin/sh\nuname -r\n", t.get("tests/web01/boot/kernel"));
        assertTrue(Files.isExecutable(out.resolve("tests/web01/motd")), "rendered executable, whatever its mode");
        assertFalse(t.keySet().stream().anyMatch(k -> k.startsWith("assembly/web01/tests")), t.keySet().toString());
    }

    @Test
    void renderingIsByteDeterministicAndSkipsUnchangedInputs() throws Exception {
        SiteFiles s = webSite();
        Path a = root.resolve("a/zentoo");
        Path b = root.resolve("b/zentoo");
        List<String> all = List.of("web01", "zentoo/minimal");
        Renderer.render(Site.load(s.config()), all, a);
        Renderer.render(Site.load(s.config()), all, b);
        assertEquals(tree(a), tree(b));
        assertTrue(Renderer.render(Site.load(s.config()), all, a).skipped());
        s.file("sets/web/make.conf", "USE=\"ssl\"");
        assertFalse(Renderer.render(Site.load(s.config()), all, a).skipped());
        assertTrue(tree(a).get("machines/web01/etc/portage/make.conf").contains("USE=\"-* acl ssl zstd\""));
    }

    @Test
    void badSiteLeavesNothingUnderTheOutput() throws Exception {
        SiteFiles s = webSite().file("sets/web/packages", "www-servers/nginx", ">=www-servers/nginx");
        Path out = root.resolve("target/zentoo");
        Files.createDirectories(out.getParent());
        ConfigException e = assertThrows(ConfigException.class, () -> Renderer.render(Site.load(s.config()), List.of(), out));
        assertTrue(e.getMessage().startsWith("config/sets/web/packages:2: malformed atom"), e.getMessage());
        assertFalse(Files.exists(out));
        try (Stream<Path> l = Files.list(root.resolve("target"))) {
            assertEquals(0, l.count(), "no temporary directory left behind");
        }
    }

    /**
     * The staleness decision every goal that reads rendered trees makes first: a tree
     * rendered before a set changed is stale, is rendered again with the new value,
     * and is then fresh; a machine the last render did not write is not rendered.
     */
    @Test
    void aChangedSetMakesTheRenderStaleAndRenderingAgainShowsTheNewValue() throws Exception {
        SiteFiles s = webSite();
        Path out = root.resolve("target/zentoo");
        List<String> web01 = List.of("web01");
        assertEquals(Renderer.Freshness.NOT_RENDERED, Renderer.render(Site.load(s.config()), web01, out).found());
        assertEquals(Renderer.Freshness.FRESH, Renderer.render(Site.load(s.config()), web01, out).found());
        Path makeConf = out.resolve("machines/web01/etc/portage/make.conf");
        assertFalse(Files.readString(makeConf).contains("greting"), Files.readString(makeConf));

        s.file("sets/web/make.conf", "USE=\"ssl -acl greting\"");
        RenderResult again = Renderer.render(Site.load(s.config()), web01, out);
        assertEquals(Renderer.Freshness.STALE, again.found());
        assertTrue(Files.readString(makeConf).contains("USE=\"-* ssl -acl greting zstd\""), Files.readString(makeConf));
        assertEquals(Renderer.Freshness.FRESH, Renderer.render(Site.load(s.config()), web01, out).found());

        // A machine not in the last render is rendered, and web01 stays fresh beside it.
        List<String> both = List.of("web01", "zentoo/minimal");
        assertEquals(Renderer.Freshness.NOT_RENDERED, Renderer.render(Site.load(s.config()), both, out).found());
        assertEquals(Renderer.Freshness.FRESH, Renderer.render(Site.load(s.config()), web01, out).found());
        // After a change, a machine rendered only before it is stale, not fresh.
        s.file("sets/zentoo/base/services", "sshd boot");
        Renderer.render(Site.load(s.config()), web01, out);
        assertEquals(Renderer.Freshness.NOT_RENDERED,
                Renderer.render(Site.load(s.config()), List.of("zentoo/minimal"), out).found());
    }

    @Test
    void everyMachinesCompositionMistakeIsReportedTogether() throws Exception {
        SiteFiles s = webSite().file("machines/web01/machine.conf", "PROFILE=\"other:default\"", "SEED=\"x:1\"")
                .machine("web02", "web")
                .file("machines/web02/machine.conf", "SEED=\"x:1\"", "PROFILE=\"third:default\"");
        ConfigException e = assertThrows(ConfigException.class,
                () -> Renderer.render(Site.load(s.config()), List.of("web01", "web02"), root.resolve("out")));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("\nconfig/machines/web01/machine.conf:1: PROFILE 'other:default' is in"
                + " repository 'other'"), e.getMessage());
        assertTrue(e.getMessage().contains("\nconfig/machines/web02/machine.conf:2: PROFILE 'third:default' is in"
                + " repository 'third'"), e.getMessage());
    }

    @Test
    void renderErrorsAreFoundBeforeWriting() throws Exception {
        SiteFiles s = webSite().file("machines/web01/machine.conf", "PROFILE=\"other:default\"", "SEED=\"x:1\"");
        Path out = root.resolve("target/zentoo");
        ConfigException e = assertThrows(ConfigException.class, () -> Renderer.render(Site.load(s.config()), List.of(), out));
        assertTrue(e.getMessage().startsWith("config/machines/web01/machine.conf:1: PROFILE 'other:default' is in repository 'other'"),
                e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void plainProfileUsesTheMainRepository() throws Exception {
        SiteFiles s = new SiteFiles(root).machine("a").machine("b", "t")
                .file("sets/t/repos.conf", "[DEFAULT]", "main-repo = zentoo-test", "[zentoo-test]",
                        "location = /var/db/repos/zentoo-test/");
        Path out = root.resolve("out");
        Renderer.render(Site.load(s.config()), List.of(), out);
        assertEquals(Path.of("/var/db/repos/gentoo/profiles/default/linux/amd64/23.0"),
                Files.readSymbolicLink(out.resolve("machines/a/etc/portage/make.profile")));
        assertEquals(Path.of("/var/db/repos/zentoo-test/profiles/default/linux/amd64/23.0"),
                Files.readSymbolicLink(out.resolve("machines/b/etc/portage/make.profile")));
    }

    @Test
    void packageEnvMustNameAnEnvFileOfTheStack() throws Exception {
        SiteFiles s = webSite().file("sets/web/package.env", "www-servers/nginx no-lto.conf", "www-servers/nginx nope.conf");
        ConfigException e = assertThrows(ConfigException.class,
                () -> Renderer.render(Site.load(s.config()), List.of(), root.resolve("out")));
        assertEquals("config/sets/web/package.env:2: 'nope.conf' is in no env/ directory of the stack of web01: "
                + "expected a file env/nope.conf in one of its sets", e.getMessage());
    }

    @Test
    void numbersWidenForLongStacks() {
        assertEquals("03-zentoo-base", Layout.numbered(3, 12, "zentoo/base"));
        assertEquals("003-web", Layout.numbered(3, 120, "web"));
    }

    @Test
    void removingAnAtomNobodyAddedWarns() throws Exception {
        SiteFiles s = new SiteFiles(root).set("a").file("sets/a/packages", "-app-misc/nothing").machine("m", "a");
        RenderResult r = Renderer.render(Site.load(s.config()), List.of(), root.resolve("out"));
        assertTrue(r.warnings().get(0).startsWith("config/sets/a/packages:1: -app-misc/nothing removes nothing"));
    }

    @Test
    void unknownMachineRequested() {
        SiteFiles s = new SiteFiles(root).machine("a");
        ConfigException e = assertThrows(ConfigException.class,
                () -> Renderer.render(Site.load(s.config()), List.of("b"), root.resolve("out")));
        assertTrue(e.getMessage().startsWith("config/machines/b: unknown machine 'b'"), e.getMessage());
    }
}
