package org.zentoo.pipeline;

import org.zentoo.boot.BootException;
import org.zentoo.engine.EngineException;
import org.zentoo.files.AtomicFile;
import org.zentoo.machine.Machine;
import org.zentoo.render.Layout;
import org.zentoo.report.JUnitXml;
import org.zentoo.report.TestCase;
import org.zentoo.report.TestRunOutput;
import org.zentoo.report.TestSuite;
import org.zentoo.step.MachineInputs;
import org.zentoo.step.StageTester;
import org.zentoo.step.StepFailedException;
import org.zentoo.step.StepRunner;

import org.zentoo.machine.Platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.zentoo.pipeline.MachineOutcomes.since;

/**
 * zentoo:test for one machine at a time: the stage3 its last assembly recorded
 * is tested in a container of its own (built-in checks, the site's tests/
 * scripts), then booted when it has a kernel and boot is on; the results go to
 * {@code test-reports/TEST-<machine>.xml}. A machine whose stage, tests and
 * checks are as in its last passing run starts no container: its kept report
 * stands.
 */
final class StageTests {

    /** Lines of each failed test's output that the build's failure message repeats. */
    private static final int TAIL = 15;

    private final StepRunner steps;
    private final Layout layout;
    private final PipelineSettings.Console console;
    private final SitePipeline.Testing testing;

    StageTests(StepRunner steps, Layout layout, PipelineSettings.Console console, SitePipeline.Testing testing) {
        this.steps = steps;
        this.layout = layout;
        this.console = console;
        this.testing = testing;
    }

    Outcome machine(Machine machine) throws IOException {
        Instant start = Instant.now();
        String id = machine.id();
        String cls = machine.classifierId();
        MachineState state = MachineState.load(layout.stateFile(cls));
        String partition = state.get("assemble.partition");
        Path stage = state.file("assemble", "stage3-" + cls + ".tar");
        try {
            if (stage == null || !state.unchanged("assemble", state.get("assemble.inputs"))) {
                throw StageTestException.noStage(id, stage == null ? "its assembly is not recorded in "
                        + layout.stateFile(cls) : stage + " is not the file its last assembly made");
            }
            boolean kernel = machine.kernel() != null && !machine.kernel().isBlank();
            Path tests = layout.testsDirectory(id);
            Path assembly = layout.assemblyDirectory(id);
            String stageSha = state.sha256("assemble", stage);
            Path kernelFile = kernel ? state.file("kernel", "kernel-" + cls + ".tar") : null;
            String inputs = new MachineInputs().value(stageSha).tree(tests).tree(assembly)
                    .value(StageTester.checkerVersion()).value("boot=" + (kernel && testing.boot()))
                    .value(kernelFile == null ? "-" : String.valueOf(state.sha256("kernel", kernelFile))).hash();
            Path report = layout.testReport(cls);
            if (state.unchanged("test", inputs)) {
                TestSuite kept = JUnitXml.read(Files.readString(report, StandardCharsets.UTF_8));
                console.info(id, "stage3 (sha256 " + stageSha.substring(0, 12) + "), its tests and Zentoo's checks"
                        + " as in the last passing run: no test container started; " + report.getFileName() + " stands");
                return new Outcome(id, partition, Outcome.Result.UNCHANGED, "cached: " + kept.summary(), Duration.ZERO);
            }
            state.forget("test");
            console.info(id, "testing " + stage.getFileName() + " in a container of its own (network none)");
            List<String> lines = new StageTester(steps).run(new StageTester.Request(id, cls, stage, stageSha,
                    assembly.resolve("services"), assembly.resolve("overlay"), tests, platform(state)));
            TestSuite suite = new TestSuite(cls, StageTester.results(cls, lines));
            if (kernel && !testing.boot()) {
                suite = suite.with(List.of(new TestCase(TestRunOutput.classname(cls, "boot"), "boot",
                        TestCase.Status.SKIPPED, Duration.ZERO, "zentoo.test.boot=false", List.of())));
            } else if (kernel && suite.failures().isEmpty()) {
                if (kernelFile == null) {
                    throw StageTestException.noKernel(id, layout.stateFile(cls));
                }
                suite = suite.with(new StageBoot(console, testing.bootTimeout()).boot(id, cls,
                        platform(state).toString(), stage, kernelFile, tests.resolve("boot"), steps.logFile(id, "boot"),
                        layout.bootDirectory(cls)));
            }
            Files.createDirectories(report.getParent());
            AtomicFile.write(report, JUnitXml.write(suite), AtomicFile.WORLD_READABLE);
            suite.cases().forEach(c -> console.info(id, c.status() + " " + c.classname() + " " + c.name()
                    + (c.message() == null ? "" : ": " + c.message())));
            if (!suite.failures().isEmpty()) {
                return MachineOutcomes.failed(console, id, partition, start, failure(id, cls, suite, stage));
            }
            state.record("test", inputs, partition == null ? "-" : partition, report);
            return new Outcome(id, partition, Outcome.Result.OK, suite.summary() + ", " + report.getFileName(),
                    since(start));
        } catch (StageTestException | StepFailedException | EngineException | BootException e) {
            return MachineOutcomes.failed(console, id, partition, start, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MachineOutcomes.failed(console, id, partition, start, e);
        }
    }

    /** The platform the machine's last build recorded (see SitePipeline); amd64 in a state before platforms. */
    private static Platform platform(MachineState state) {
        String recorded = state.get("platform");
        return recorded == null ? Platform.AMD64 : Platform.parse(recorded);
    }

    /** The build's message: the machine, each failed test with its message and the tail of its output. */
    private StepFailedException failure(String id, String cls, TestSuite suite, Path stage) {
        List<String> tail = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (TestCase c : suite.failures()) {
            String name = c.classname().endsWith(".tests") ? "tests/" + c.name() : c.classname() + " " + c.name();
            names.add(name);
            tail.add(name + ": " + c.message());
            c.tail(TAIL).forEach(line -> tail.add("    " + line));
        }
        return new StepFailedException(id, "test", suite.failures().size() + " of " + suite.cases().size()
                + " tests failed (" + String.join(", ", names) + "), so " + stage.getFileName()
                + " is not installed or deployed; the results are in " + layout.testReport(cls), tail,
                steps.logFile(id, "test"));
    }
}
