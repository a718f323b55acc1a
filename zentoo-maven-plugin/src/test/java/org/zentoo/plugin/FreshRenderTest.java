package org.zentoo.plugin;

import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.testing.SiteFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A goal that reads rendered trees renders a stale render again before it reads, and says so. */
class FreshRenderTest {

    @TempDir
    Path root;

    private final List<String> lines = new ArrayList<>();

    private PlanMojo plan(SiteFiles site) {
        PlanMojo mojo = new PlanMojo();
        mojo.configDirectory = site.config().toFile();
        mojo.outputDirectory = root.resolve("target/zentoo").toFile();
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                lines.add(content.toString());
            }
        });
        return mojo;
    }

    @Test
    void aSetChangedAfterTheRenderIsRenderedAgainBeforePlanReadsIt() throws Exception {
        SiteFiles site = new SiteFiles(root).file("sets/web/make.conf", "USE=\"greeting\"").machine("web01", "web");
        plan(site).freshRender(List.of("web01"));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("not rendered yet: rendered web01 into "), lines.get(0));

        Path makeConf = root.resolve("target/zentoo/machines/web01/etc/portage/make.conf");
        assertTrue(Files.readString(makeConf).contains("USE=\"greeting\""), Files.readString(makeConf));
        site.file("sets/web/make.conf", "USE=\"greting\"");
        plan(site).freshRender(List.of("web01"));
        assertEquals("config/ changed since the last render: re-rendered web01 into " + root.resolve("target/zentoo")
                + " before zentoo:plan", lines.get(1));
        assertTrue(Files.readString(makeConf).contains("USE=\"greting\""), Files.readString(makeConf));

        plan(site).freshRender(List.of("web01"));
        assertEquals(2, lines.size(), "a fresh render is read as it is, silently: " + lines);
    }
}
