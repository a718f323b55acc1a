package org.zentoo.plugin;

import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.testing.SiteFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Offline, explain answers from config/ alone and says so in its first line. */
class ExplainMojoTest {

    @TempDir
    Path root;

    @Test
    void offlineAnswerSaysFirstThatTheProfileWasNotConsulted() throws Exception {
        new SiteFiles(root).file("sets/base/make.conf", "USE=\"greeting\"").file("sets/base/packages", "app-misc/hello")
                .machine("m1", "base");
        List<String> lines = new ArrayList<>();
        ExplainMojo mojo = new ExplainMojo();
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                lines.add(content.toString());
            }

            @Override
            public void warn(CharSequence content) {
                lines.add(content.toString());
            }
        });
        mojo.configDirectory = root.resolve("config").toFile();
        mojo.outputDirectory = root.resolve("target/zentoo").toFile();
        mojo.machine = "m1";
        mojo.atom = "app-misc/hello";
        mojo.offline = true;
        mojo.format = "text";
        mojo.execute();
        assertEquals("[m1] OFFLINE: the profile and the ebuilds' IUSE defaults were NOT consulted; below is only"
                + " what config/ says (-Dzentoo.explain.offline=true)", lines.get(0));
        assertTrue(lines.contains("[m1]   greeting: on by base (config/sets/base/make.conf:1)"), String.join("\n", lines));
    }
}
