package org.zentoo.pipeline;

import org.zentoo.bugreport.CollectedFiles;
import org.zentoo.bugreport.DieMessage;
import org.zentoo.bugreport.ReportInputs;
import org.zentoo.bugreport.ReportPacker;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.InteractiveRun;
import org.zentoo.files.Trees;
import org.zentoo.render.Layout;
import org.zentoo.step.Reproduction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.zentoo.pipeline.MachineOutcomes.since;

/**
 * zentoo:reproduce: a bug report's failed build again, through the docker CLI (a
 * person may get its shell), and the verdict: the same phase and die message, or
 * what happened instead.
 */
final class Reproducer {

    private final DockerEngine engine;
    private final Layout layout;
    private final PipelineSettings.Console console;

    Reproducer(DockerEngine engine, Layout layout, PipelineSettings.Console console) {
        this.engine = engine;
        this.layout = layout;
        this.console = console;
    }

    /** See {@link SitePipeline#reproduce}. */
    GoalReport reproduce(Path report, String command) throws EngineException, IOException {
        Path dir = report;
        if (Files.isRegularFile(report)) {
            String name = report.getFileName().toString().replaceFirst("\\.tar\\.gz$", "");
            Path into = layout.reproductions().resolve(name);
            Trees.delete(into);
            dir = ReportPacker.unpack(report, into);
        }
        Path inputsFile = dir.resolve(ReportInputs.FILE);
        if (!Files.isRegularFile(inputsFile)) {
            throw new IOException("zentoo.bugreport=" + report + ": no " + ReportInputs.FILE + " in " + dir
                    + "; expected a target/zentoo/bugreports/<machine>/<cat>/<pf> directory or its"
                    + " bugreport-*.tar.gz");
        }
        ReportInputs inputs = ReportInputs.read(inputsFile);
        DieMessage before = DieMessage.parse(BugReports.lines(dir.resolve(CollectedFiles.BUILD_LOG)));
        Path result = layout.reproductions().resolve(dir.getFileName() + "-result");
        Trees.delete(result);
        Files.createDirectories(result);
        String owner = Files.getAttribute(result, "unix:uid") + ":" + Files.getAttribute(result, "unix:gid");
        boolean tty = command == null && System.console() != null;
        ContainerSpec spec = Reproduction.spec(inputs, dir.resolve("etc-portage"), result, command, owner)
                .machine(inputs.machine());
        List<String> line = InteractiveRun.commandLine(spec, engine.run(), tty, engine.containers().createPlatform(spec));
        console.info(inputs.machine(), "reproducing " + inputs.cpv() + " from seed " + inputs.seedImage()
                + ", snapshot " + inputs.snapshotVolume() + " and " + dir.resolve("etc-portage"));
        Instant start = Instant.now();
        int exit = InteractiveRun.run(line);
        Path log = result.resolve(CollectedFiles.BUILD_LOG);
        String verdict;
        boolean same = false;
        if (!Files.isRegularFile(log)) {
            verdict = "did not fail the same way: emerge left no build log of " + inputs.cpv()
                    + " (it built, or failed before its first phase); the report's failure was "
                    + before.phase() + " phase: " + before.summary();
        } else {
            try {
                DieMessage after = DieMessage.parse(BugReports.lines(log));
                same = after.sameFailure(before);
                verdict = same ? "reproduced: " + inputs.cpv() + " failed again in the " + after.phase()
                        + " phase with the same die message: " + after.summary()
                        : "did not fail the same way: now " + after.phase() + " phase: " + after.summary()
                        + "; the report says " + before.phase() + " phase: " + before.summary();
            } catch (IllegalArgumentException e) {
                verdict = "did not fail the same way: the new build log of " + inputs.cpv()
                        + " holds no die message (it built); the report's failure was " + before.phase()
                        + " phase: " + before.summary();
            }
        }
        verdict += (command == null ? "; the shell exited " : "; the command exited ") + exit;
        console.info(inputs.machine(), verdict);
        Outcome outcome = same ? new Outcome(inputs.machine(), inputs.partition(), Outcome.Result.OK, verdict,
                since(start)) : Outcome.failed(inputs.machine(), inputs.partition(), since(start),
                new IOException(verdict + "; the new build log is " + log + ". Compare the report's inputs.properties"
                        + " with the machine's now, or rebuild it: a changed store or seed can change the outcome"));
        return new GoalReport("reproduce", List.of(outcome), List.of());
    }
}
