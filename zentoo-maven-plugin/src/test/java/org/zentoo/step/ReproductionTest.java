package org.zentoo.step;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.bugreport.ReportInputs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * reproduce.sh is the container zentoo:reproduce starts, as plain docker: checked by
 * running it with a stand-in {@code docker} on the PATH that prints its arguments.
 */
class ReproductionTest {

    static final ReportInputs INPUTS = new ReportInputs("web01", "app-misc/broken-1.0", "sha256:0123abcd",
            "sha256:feed", "seed", "zentoo-repos-seed", "sha256:5678", "x86_64-pc-linux-gnu-0123",
            "linux/arm64", "aarch64-unknown-linux-gnu", "zentoo-distfiles", "zentoo-binpkgs", "/var/cache/binpkgs/x86_64-pc-linux-gnu-0123",
            "emerge --update @world");

    @Test
    void theScriptRunsTheSameContainerWithEtcPortageFromBesideIt(@TempDir Path tmp)
            throws IOException, InterruptedException {
        Path report = tmp.resolve("report dir");
        Files.createDirectories(report);
        Files.writeString(report.resolve("reproduce.sh"), Reproduction.script(INPUTS));
        Path bin = tmp.resolve("bin");
        Files.createDirectories(bin);
        Path docker = bin.resolve("docker");
        Files.writeString(docker, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done\n");
        docker.toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder("sh", report.resolve("reproduce.sh").toString());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.redirectErrorStream(true).start();
        List<String> args = List.of(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\0"));
        assertEquals(0, p.waitFor(), String.join("\n", args));
        assertEquals(List.of("run", "--rm", "-it"), args.subList(0, 3));
        assertTrue(args.contains("type=bind,source=" + report.toRealPath() + "/etc-portage,target=/etc/portage,readonly"),
                String.join("\n", args));
        assertTrue(args.contains("type=volume,source=zentoo-repos-seed,target=/var/db/repos,readonly"));
        assertTrue(args.contains("type=volume,source=zentoo-binpkgs,target=/var/cache/binpkgs,readonly"));
        assertTrue(args.contains("PKGDIR=/var/cache/binpkgs/x86_64-pc-linux-gnu-0123"));
        int image = args.indexOf("sha256:0123abcd");
        assertTrue(image > 0, String.join("\n", args));
        assertEquals("/bin/bash", args.get(image + 1));
        String script = args.get(image + 3);
        assertTrue(script.startsWith(INPUTS.reproduceCommand() + "; rc=$?\n"), script);
        assertTrue(script.endsWith("exec /bin/bash -l"), script);
        assertTrue(Reproduction.script(INPUTS).contains("# Platform: linux/arm64 (CHOST aarch64-unknown-linux-gnu)"));
    }

    @Test
    void theContainerRunsAsTheFailedMachinesPlatform(@TempDir Path tmp) {
        var spec = Reproduction.spec(INPUTS, tmp.resolve("etc-portage"), tmp.resolve("result"), "true", null);
        assertEquals(org.zentoo.machine.Platform.ARM64, spec.platform());
    }

    @Test
    void zentooReproduceCopiesTheNewLogOutAndRunsTheCommand(@TempDir Path tmp) {
        var spec = Reproduction.spec(INPUTS, tmp.resolve("etc-portage"), tmp.resolve("result"), "echo hi", "1000:1000");
        String script = spec.command().get(2);
        assertTrue(script.contains("cp /var/tmp/portage/app-misc/broken-1.0/temp/build.log "
                + Reproduction.RESULT_PATH + "/build.log"), script);
        assertTrue(script.endsWith("\necho hi"), script);
        assertTrue(spec.mounts().stream().anyMatch(m -> m.target().equals(Reproduction.RESULT_PATH) && !m.readOnly()));
    }
}
