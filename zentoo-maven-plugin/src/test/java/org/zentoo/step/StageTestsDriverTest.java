package org.zentoo.step;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.report.TestCase;
import org.zentoo.testing.Strict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * stage-tests.sh, the driver zentoo:test runs in the stage, run by the host's
 * bash with its directory moved (ZENTOO_TEST_DIR), and its lines read as
 * zentoo:test reads them: a stage whose checks cannot run, or stop early, fails
 * with an error naming why and each check without a result. The python3 on PATH
 * is a stand-in script for each way the stage's own one can behave; the real
 * checks in a real stage are the stage-test IT's.
 */
class StageTestsDriverTest {

    private static final String M = "##zentoo-test## ";

    @TempDir
    Path dir;

    @Test
    void checksThatAllReportAndExitZeroPassAndTheSiteScriptsRunAfterThem() throws Exception {
        List<TestCase> cases = run(python3(blocks("contents", "elf", "services", "packages") + "exit 0\n"), true);
        assertEquals(List.of("m.checks contents PASSED", "m.checks elf PASSED", "m.checks services PASSED",
                "m.checks packages PASSED", "m.tests ok PASSED"), summary(cases));
    }

    @Test
    void aStageWithoutPython3FailsNamingItAndEveryCheck() throws Exception {
        List<TestCase> cases = run(null, false);
        assertEquals(List.of("m.checks stage-checks.py ERROR"), summary(cases));
        assertEquals("Zentoo's built-in checks did not all run: stage-checks.py exited with 127 (the stage has no"
                + " python3 to run Zentoo's checks with (a Gentoo stage3 has it for Portage)); no result from contents,"
                + " elf, services, packages", cases.get(0).message());
    }

    @Test
    void checksThatExitAtStartFailEvenWithExitCodeZero() throws Exception {
        List<TestCase> cases = run(python3("exit 0\n"), true);
        assertEquals(List.of("m.checks stage-checks.py ERROR", "m.tests ok PASSED"), summary(cases));
        assertEquals("Zentoo's built-in checks did not all run: stage-checks.py exited with 0; no result from"
                + " contents, elf, services, packages", cases.get(0).message());
    }

    @Test
    void checksThatBreakHalfwayFailWithTheLastWordOfTheTraceback() throws Exception {
        List<TestCase> cases = run(python3(blocks("contents", "elf")
                + "echo 'Traceback (most recent call last):' >&2\necho 'MemoryError' >&2\nexit 1\n"), false);
        assertEquals(List.of("m.checks stage-checks.py ERROR", "m.checks contents PASSED", "m.checks elf PASSED"),
                summary(cases));
        assertEquals("Zentoo's built-in checks did not all run: stage-checks.py exited with 1 (MemoryError);"
                + " no result from services, packages", cases.get(0).message());
        assertEquals(List.of("Traceback (most recent call last):", "MemoryError"), cases.get(0).output());
    }

    @Test
    void allChecksReportedButANonZeroExitStillFails() throws Exception {
        List<TestCase> cases = run(python3(blocks("contents", "elf", "services", "packages") + "exit 3\n"), false);
        assertEquals("Zentoo's built-in checks did not all run: stage-checks.py exited with 3", cases.get(0).message());
        assertEquals(TestCase.Status.ERROR, cases.get(0).status());
    }

    @Test
    void theRealChecksReportEveryBlockThroughTheDriver() throws Exception {
        // The host's python3 runs the real stage-checks.py on an empty tree (--root): every
        // check reports, some of them problems, and none is missing.
        String python = python3Executable();
        Strict.assume(python != null, "python3 (Debian package python3)");
        Path root = Files.createDirectories(dir.resolve("root"));
        List<TestCase> cases = run(python3("exec " + python + " \"$@\" --root " + root + "\n"), false);
        assertEquals(StageTester.BUILT_IN_CHECKS, cases.stream().map(TestCase::name).toList(), cases.toString());
        assertEquals(TestCase.Status.FAILED, cases.get(0).status());
        assertTrue(cases.get(0).output().contains("/var/db/pkg lists no package with CONTENTS"), cases.get(0).output()
                .toString());
    }

    /** The host's python3 interpreter itself (not a launcher that needs PATH), or null. */
    private static String python3Executable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty() ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A stand-in python3 whose body is {@code script}, in a directory of its own for PATH. */
    private Path python3(String script) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path python = bin.resolve("python3");
        Files.writeString(python, "#!/bin/sh\n" + script, StandardCharsets.UTF_8);
        assertTrue(python.toFile().setExecutable(true));
        return bin;
    }

    private static String blocks(String... names) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            out.append("echo '").append(M).append("begin check ").append(name).append("'\n")
                    .append("echo 'looked at everything'\n")
                    .append("echo '").append(M).append("end check pass 0 10 ").append(name).append("'\n");
        }
        return out.toString();
    }

    /**
     * Runs the driver with PATH = {@code bin} (the stand-in python3, or nothing) and, with
     * {@code siteScript}, the tools a site script's run needs and one passing script.
     */
    private List<TestCase> run(Path bin, boolean siteScript) throws Exception {
        Path z = Files.createDirectories(dir.resolve("zentoo-test"));
        Files.writeString(z.resolve(StageTester.DRIVER), ContainerScript.read(StageTester.class, StageTester.DRIVER),
                StandardCharsets.UTF_8);
        Files.writeString(z.resolve(StageTester.CHECKS), StageTester.checksScript(), StandardCharsets.UTF_8);
        String path = bin == null ? Files.createDirectories(dir.resolve("empty")).toString() : bin.toString();
        if (siteScript) {
            Path ok = Files.createDirectories(z.resolve("tests")).resolve("ok");
            Files.writeString(ok, "#!/bin/sh\necho fine\n", StandardCharsets.UTF_8);
            assertTrue(ok.toFile().setExecutable(true));
            path += ":/usr/bin:/bin";
        }
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", z.resolve(StageTester.DRIVER).toString())
                .redirectErrorStream(true);
        pb.environment().put("ZENTOO_TEST_DIR", z.toString());
        pb.environment().put("PATH", path);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.endsWith(M + "done\n"), out);
        return StageTester.results("m", out.lines().toList());
    }

    private static List<String> summary(List<TestCase> cases) {
        return cases.stream().map(c -> c.classname() + " " + c.name() + " " + c.status()).toList();
    }
}
