package org.zentoo.pipeline;

import org.zentoo.boot.BootException;
import org.zentoo.boot.BootResult;
import org.zentoo.boot.BootTest;
import org.zentoo.boot.Qemu;
import org.zentoo.boot.TestResult;
import org.zentoo.report.TestCase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The boot part of zentoo:test for a machine with a kernel: boots its kernel artifact
 * with its stage in QEMU ({@link BootTest}) and turns each boot check and
 * {@code tests/boot/} script into a test case of class {@code <machine>.boot}. The
 * whole console goes to the machine's {@code boot} log; the log shows the kernel's
 * version line and each result.
 */
final class StageBoot {

    private final PipelineSettings.Console console;
    private final Duration timeout;

    StageBoot(PipelineSettings.Console console, Duration timeout) {
        this.console = console;
        this.timeout = timeout;
    }

    /**
     * @param platform the machine's platform ({@code linux/arm64}), which picks the QEMU system; null for the host's
     * @throws BootException the host cannot boot at all (no QEMU, no kernel image in the artifact)
     */
    List<TestCase> boot(String machine, String classifierId, String platform, Path stage, Path kernel,
                        Path bootTests, Path logFile, Path workDir)
            throws BootException, IOException, InterruptedException {
        Qemu.Options options;
        try {
            options = Qemu.Options.forPlatform(platform).withTimeout(timeout);
        } catch (IllegalArgumentException e) {
            throw new BootException(machine + ": " + e.getMessage(), e);
        }
        List<Path> scripts = scripts(bootTests);
        console.info(machine, "booting " + kernel.getFileName() + " with " + stage.getFileName() + " in "
                + options.binary() + " (" + scripts.size() + " boot scripts, bound " + timeout.toSeconds() + " s)");
        Files.createDirectories(logFile.getParent());
        BootResult result;
        try (Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            result = BootTest.run(new BootTest.Request(stage, kernel, List.of(), scripts, workDir, options), line -> {
                        try {
                            log.write(line);
                            log.write('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        if (line.startsWith("ZENTOO-TEST ") || line.contains("Linux version")) {
                            console.info(machine, "console: " + line.strip());
                        }
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        String cls = classifierId + ".boot";
        List<TestCase> cases = new ArrayList<>();
        for (TestResult t : result.tests()) {
            cases.add(new TestCase(cls, t.name(), t.passed() ? TestCase.Status.PASSED : TestCase.Status.FAILED,
                    t.time(), t.passed() ? null : "exit status " + t.exitCode(), t.output().lines().toList()));
        }
        if (result.state() == BootResult.State.TIMED_OUT || result.state() == BootResult.State.CRASHED) {
            cases.add(new TestCase(cls, "boot", TestCase.Status.FAILED, result.elapsed(), result.message()
                    + " (console in " + logFile + ")", result.consoleTail()));
        } else {
            cases.add(new TestCase(cls, "boot", TestCase.Status.PASSED, result.elapsed(), null,
                    List.of(result.kernelVersion(), "accelerator: " + result.accelerator())));
        }
        return cases;
    }

    /** The stacked tests/boot scripts in name order, the order the container runs tests/ in. */
    private static List<Path> scripts(Path bootTests) throws IOException {
        if (!Files.isDirectory(bootTests)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(bootTests)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

}
