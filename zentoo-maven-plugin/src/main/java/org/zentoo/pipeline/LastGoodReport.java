package org.zentoo.pipeline;

import org.zentoo.bugreport.FailedPackage;
import org.zentoo.bugreport.ReportSection;
import org.zentoo.bugreport.StandardSections;
import org.zentoo.changes.ExplainedUse;
import org.zentoo.changes.LastGood;
import org.zentoo.changes.UseOrigins;
import org.zentoo.config.ConfigException;
import org.zentoo.engine.EngineException;
import org.zentoo.files.AtomicFile;
import org.zentoo.lock.MachineLock;
import org.zentoo.site.Site;
import org.zentoo.step.Builder;
import org.zentoo.step.FailedBuild;
import org.zentoo.step.LastGoodBuild;
import org.zentoo.step.MachineJob;
import org.zentoo.step.StepFailedException;
import org.zentoo.step.StepRunner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code last-good.txt} of a bug report: the failed package against its last good
 * instance in {@code zentoo.lock} ({@link LastGood}), with one line on the console;
 * with {@code tryBuild}, the verdict of one more build of the failed version with the
 * locked USE ({@link LastGoodBuild}). It comes after explain's section, whose
 * {@code explain.json} gives each flag now and the line that decides it; without it,
 * the build's merge list and config/ do. Nothing is written when the lock has no
 * instance of the package for the machine.
 */
final class LastGoodReport implements ReportSection {

    private final MachineJob job;
    private final StepRunner steps;
    private final Builder builder;
    private final Path scratch;
    private final PipelineSettings.Console console;
    private final SiteLock lock;
    private final Site site;
    private final boolean tryBuild;

    /**
     * @param scratch  where the retry's copy of the rendered config is made (and removed)
     * @param site     the site, for the config lines when the report has no explain.json; null: not attributed
     * @param tryBuild whether to build the failed version once more with the locked USE
     */
    LastGoodReport(MachineJob job, StepRunner steps, Builder builder, Path scratch, PipelineSettings.Console console,
                   SiteLock lock, Site site, boolean tryBuild) {
        this.job = job;
        this.steps = steps;
        this.builder = builder;
        this.scratch = scratch;
        this.console = console;
        this.lock = lock;
        this.site = site;
        this.tryBuild = tryBuild;
    }

    @Override
    public List<String> files() {
        return List.of(LastGood.FILE);
    }

    @Override
    public String readmeLine() {
        return LastGood.FILE + ": what differs from the last instance of the package that built for this machine"
                + " (zentoo.lock): version, USE with the line deciding each flag, seed, snapshot; and, with"
                + " -Dzentoo.bugreport.tryLastGood, whether it builds with the locked USE (for the bug's description)";
    }

    /** Never fails the report: what cannot be compared is a warning. */
    @Override
    public void write(FailedPackage failed) throws IOException {
        Optional<MachineLock> locked = lock.previous(job.id());
        if (locked.isEmpty()) {
            return;
        }
        String cpvr = failed.cpv();
        try {
            MachineLock now = lock.resolved(job.id()).orElse(locked.get());
            Optional<ExplainedUse> explained = explained(failed.directory(), cpvr);
            Map<String, Boolean> use;
            UseOrigins origins;
            if (explained.isPresent()) {
                use = explained.get().use();
                origins = explained.get();
            } else {
                use = FailedBuild.in(Files.readAllLines(steps.logFile(job.id(), "build"), StandardCharsets.UTF_8))
                        .filter(f -> f.cpvr().equals(cpvr)).map(FailedBuild::use).orElse(Map.of());
                origins = site == null ? UseOrigins.NONE : UseOrigins.of(site, site.machine(job.id()));
            }
            Optional<LastGood> compared = LastGood.of(cpvr, use, now.seedDigest(), now.snapshotDigest(),
                    locked.get(), origins);
            if (compared.isEmpty()) {
                console.info(job.id(), "zentoo.lock records no instance of " + cpvr + "'s package for this machine:"
                        + " no last good to compare with");
                return;
            }
            LastGood lastGood = compared.get();
            Path file = failed.directory().resolve(LastGood.FILE);
            StringBuilder text = new StringBuilder(lastGood.text()).append('\n');
            console.warn(job.id(), lastGood.consoleLine() + "; see " + file);
            if (tryBuild) {
                console.info(job.id(), "building " + cpvr + " once more with the locked USE, in a scratch PKGDIR"
                        + " (zentoo.bugreport.tryLastGood)");
                LastGoodBuild.Result result = new LastGoodBuild(steps, builder).run(job, cpvr,
                        lastGood.lockedUseLine(), scratch);
                String verdict = lastGood.verdict(result.retry(), result.detail());
                text.append("Built once more with the locked USE (package.use: ").append(lastGood.lockedUseLine())
                        .append("):\n").append(verdict).append('\n');
                console.warn(job.id(), "last good: " + verdict);
            } else {
                text.append("Whether it builds with the locked USE: mvn zentoo:build -Dzentoo.bugreport.tryLastGood"
                        + " builds it once more, in a scratch PKGDIR.\n");
            }
            AtomicFile.write(file, text.toString(), AtomicFile.WORLD_READABLE);
        } catch (IOException | ConfigException | EngineException | StepFailedException | RuntimeException e) {
            console.warn(job.id(), "cannot compare " + cpvr + " with its last good instance in zentoo.lock: "
                    + e.getMessage());
        }
    }

    private static Optional<ExplainedUse> explained(Path report, String cpvr) throws IOException {
        Path json = report.resolve(StandardSections.EXPLAIN);
        return Files.isRegularFile(json) ? ExplainedUse.of(Files.readString(json, StandardCharsets.UTF_8), cpvr)
                : Optional.empty();
    }
}
