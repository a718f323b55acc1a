package org.zentoo.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.bugreport.FileSection;
import org.zentoo.bugreport.ReportInputs;
import org.zentoo.bugreport.Secrets;
import org.zentoo.bugreport.StandardSections;
import org.zentoo.render.Layout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline's side of a report: the directory a build container collects into,
 * then the sections in the order given (a section added to the list, as last-good.txt
 * will be, is written, listed in README.txt and packed), and a file no section
 * declares left out with a warning.
 */
class BugReportsTest {

    private final List<String> warnings = new ArrayList<>();
    private final PipelineSettings.Console console = new PipelineSettings.Console() {
        @Override
        public void info(String machine, String line) {
        }

        @Override
        public void warn(String machine, String line) {
            warnings.add(line);
        }

        @Override
        public void info(String line) {
        }
    };

    @Test
    void aSectionAddedToTheListIsWrittenListedAndPacked(@TempDir Path tmp) throws IOException, InterruptedException {
        Layout layout = new Layout(tmp);
        BugReports reports = new BugReports(layout, Instant.parse("2026-01-01T00:00:00Z"), Secrets.NONE, console);
        Path machineDir = reports.prepare("web01", List.of("USE")).directory();
        assertEquals(layout.bugReports("web01"), machineDir);
        // what the failed container writes
        Path dir = machineDir.resolve("app-misc/broken-1.0");
        Files.createDirectories(dir);
        try (InputStream log = getClass().getResourceAsStream("/org/zentoo/bugreport/broken-build.log")) {
            Files.copy(log, dir.resolve("build.log"));
        }
        Files.writeString(dir.resolve("emerge-info.txt"), "Portage 3.0.83\nCHOST=\"x86_64-pc-linux-gnu\"\n");
        Files.writeString(dir.resolve("stray.txt"), "nobody declared me\n");

        List<Path> tarballs = reports.finish("web01", "web01", cpv -> new ReportInputs("web01", cpv, "sha256:1",
                        "sha256:1", "seed", "repos", "sha256:2", "p", "linux/amd64", "x86_64-pc-linux-gnu", "d", "b", "/var/cache/binpkgs/p",
                        "emerge @world"),
                List.of(StandardSections.die(), StandardSections.inputs(),
                        new FileSection("last-good.txt", f -> "built last with USE=\"\"\n", "last-good.txt: the last build")));

        assertEquals(List.of(layout.bugReports().resolve("bugreport-web01-app-misc-broken-1.0.tar.gz")), tarballs);
        String readme = Files.readString(dir.resolve("README.txt"));
        assertTrue(readme.indexOf("- die.txt") < readme.indexOf("- inputs.properties")
                && readme.indexOf("- inputs.properties") < readme.indexOf("- last-good.txt: the last build"), readme);
        Process p = new ProcessBuilder("tar", "-tzf", tarballs.get(0).toString()).redirectErrorStream(true).start();
        List<String> names = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.waitFor());
        assertEquals(List.of("./", "./broken-1.0/", "./broken-1.0/README.txt", "./broken-1.0/build.log",
                "./broken-1.0/die.txt", "./broken-1.0/emerge-info.txt", "./broken-1.0/inputs.properties",
                "./broken-1.0/last-good.txt"), names);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("stray.txt is not a report file"), warnings.toString());

        // the next build of the machine starts without the old report or its tarball
        reports.prepare("web01", List.of());
        assertFalse(Files.exists(dir));
        assertFalse(Files.exists(tarballs.get(0)));
        reports.cleanUp("web01");
        assertFalse(Files.exists(machineDir));
    }
}
