package org.zentoo.step;

import org.zentoo.archive.ArchiveFormat;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.RunIdentity;
import org.zentoo.files.Sha256;
import org.zentoo.report.TestCase;
import org.zentoo.report.TestRunOutput;

import org.zentoo.machine.Platform;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * zentoo:test's container part for one machine: the packed stage3 itself is
 * imported as an image (so what is tested is what ships), started unprivileged
 * with {@code --network none}, and runs Zentoo's built-in checks
 * ({@value #CHECKS}, with the stage's own python3) and the machine's stacked
 * {@code tests/} scripts as root ({@value #DRIVER}). The image and the container
 * carry the run's labels and are removed afterwards.
 */
public final class StageTester {

    /** The built-in checks; also what a boot test may run inside the booted stage. */
    public static final String CHECKS = "stage-checks.py";
    /** The blocks {@value #CHECKS} prints, in order: each one missing fails the machine. */
    public static final List<String> BUILT_IN_CHECKS = List.of("contents", "elf", "services", "packages");
    public static final String DRIVER = "stage-tests.sh";
    private static final String CHECKS_SCRIPT = ContainerScript.read(StageTester.class, CHECKS);
    private static final String DRIVER_SCRIPT = ContainerScript.read(StageTester.class, DRIVER);
    private static final String IMAGE_REPOSITORY = "zentoo/stage-under-test";
    private static final String IN_STAGE = "var/tmp/zentoo-test";

    private final StepRunner steps;

    public StageTester(StepRunner steps) {
        this.steps = steps;
    }

    /** What the checks are: a new Zentoo with other checks tests unchanged stages again. */
    public static String checkerVersion() {
        return Sha256.of(CHECKS_SCRIPT + "\0" + DRIVER_SCRIPT);
    }

    /** The built-in checks, for a boot test that runs them in the booted stage. */
    public static String checksScript() {
        return CHECKS_SCRIPT;
    }

    /**
     * What one machine's test run needs.
     *
     * @param stage    the packed stage3, as attached
     * @param services the rendered services list (may be absent)
     * @param overlay  the machine's stacked overlay/ (may be absent): the files it changed on purpose
     * @param tests    the machine's stacked tests/ (may be absent); its boot/ is not run here
     * @param platform the machine's platform: the stage is imported and run as it
     */
    public record Request(String machineId, String classifierId, Path stage, String stageSha256, Path services,
                          Path overlay, Path tests, Platform platform) {
    }

    /** Runs the checks and the scripts; returns every line the container printed. */
    public List<String> run(Request request) throws EngineException, StepFailedException, IOException {
        String tag = request.classifierId() + "-" + steps.engine().run().runId();
        String image = IMAGE_REPOSITORY + ":" + tag;
        List<String> lines = new ArrayList<>();
        Path extras = Files.createTempDirectory("zentoo-test");
        try {
            Files.writeString(extras.resolve(CHECKS), CHECKS_SCRIPT, StandardCharsets.UTF_8);
            Files.writeString(extras.resolve(DRIVER), DRIVER_SCRIPT, StandardCharsets.UTF_8);
            Files.write(extras.resolve("services"), Files.isRegularFile(request.services())
                    ? Files.readAllLines(request.services(), StandardCharsets.UTF_8) : List.of());
            Files.write(extras.resolve("overlay.list"), overlayPaths(request.overlay()), StandardCharsets.UTF_8);
            try (InputStream tar = ArchiveFormat.forFile(request.stage()).decompress(
                    new BufferedInputStream(Files.newInputStream(request.stage()), 1 << 16))) {
                steps.engine().images().importOwned(tar, request.stage().toString(), IMAGE_REPOSITORY, tag,
                        request.machineId(), Map.of(RunIdentity.INPUTS, "sha256:" + request.stageSha256(),
                                Platform.LABEL, request.platform().toString()));
            }
            try {
                ContainerSpec spec = new ContainerSpec(image).machine(request.machineId()).platform(request.platform())
                        .network("none")
                        .env("ZENTOO_MACHINE", request.machineId())
                        .command("/bin/bash", "/" + IN_STAGE + "/" + DRIVER);
                List<DirectoryTar.Tree> trees = new ArrayList<>();
                trees.add(new DirectoryTar.Tree(extras, IN_STAGE));
                if (request.tests() != null && Files.isDirectory(request.tests())) {
                    trees.add(new DirectoryTar.Tree(request.tests(), IN_STAGE + "/tests"));
                }
                steps.step(request.machineId(), "test", spec)
                        .copyIn("/", out -> DirectoryTar.write(trees, out))
                        .observe(lines::add)
                        .run((id, log) -> null);
            } finally {
                steps.engine().images().remove(image);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(extras)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        if (lines.stream().noneMatch(l -> l.equals(TestRunOutput.MARK + " done"))) {
            throw new StepFailedException(request.machineId(), "test", "the test run ended before it was done",
                    lines.subList(Math.max(0, lines.size() - 20), lines.size()),
                    steps.logFile(request.machineId(), "test"));
        }
        return lines;
    }

    /**
     * The results of a run's lines: every block, and an error when the built-in
     * checks did not all run (python3 missing or failing, a check without its
     * block), so that checks which never ran cannot pass as absent cases.
     */
    public static List<TestCase> results(String classifierId, List<String> lines) {
        TestRunOutput.Parsed parsed = TestRunOutput.parse(classifierId, lines);
        List<TestCase> cases = new ArrayList<>(parsed.cases());
        parsed.checksNotRun(classifierId, CHECKS, BUILT_IN_CHECKS).ifPresent(e -> cases.add(0, e));
        return cases;
    }

    /** The stage paths the overlay wrote, {@code /etc/motd} for overlay/etc/motd. */
    static List<String> overlayPaths(Path overlay) throws IOException {
        if (overlay == null || !Files.isDirectory(overlay)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(overlay)) {
            return walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> "/" + overlay.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
