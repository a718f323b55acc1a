package org.zentoo.pipeline;

import org.zentoo.changes.LastGood;
import org.zentoo.changes.UseOrigins;
import org.zentoo.config.ConfigException;
import org.zentoo.engine.EngineException;
import org.zentoo.files.AtomicFile;
import org.zentoo.lock.MachineLock;
import org.zentoo.render.Layout;
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
import java.util.Optional;

/**
 * After a failed build: the failed package against its last good instance in
 * {@code zentoo.lock} ({@link LastGood}), written as {@code last-good.txt} into the
 * package's bug report with one line on the console; with {@code tryLastGood}, the
 * verdict of one more build of the failed version with the locked USE ({@link LastGoodBuild}).
 */
final class LastGoodReport {

    private final StepRunner steps;
    private final Layout layout;
    private final PipelineSettings.Console console;
    private final SiteLock lock;
    private final Site site;
    private final boolean tryBuild;

    /**
     * @param site     the site, for the config lines that decide each flag now; null: not attributed
     * @param tryBuild whether to build the failed version once more with the locked USE
     */
    LastGoodReport(StepRunner steps, Layout layout, PipelineSettings.Console console, SiteLock lock, Site site,
                   boolean tryBuild) {
        this.steps = steps;
        this.layout = layout;
        this.console = console;
        this.lock = lock;
        this.site = site;
        this.tryBuild = tryBuild;
    }

    /**
     * Compares the package the failed build {@code step} of {@code job} names with its locked
     * instance; says nothing when the lock has no record of it. Never fails the run further:
     * what cannot be compared is a warning.
     */
    void afterFailure(MachineJob job, String step, Builder builder) {
        Optional<MachineLock> locked = lock.previous(job.id());
        if (locked.isEmpty()) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(steps.logFile(job.id(), step), StandardCharsets.UTF_8);
            Optional<FailedBuild> failed = FailedBuild.in(lines);
            if (failed.isEmpty()) {
                return;
            }
            FailedBuild f = failed.get();
            MachineLock now = lock.resolved(job.id()).orElse(locked.get());
            UseOrigins origins = site == null ? UseOrigins.NONE : UseOrigins.of(site, site.machine(job.id()));
            Optional<LastGood> compared = LastGood.of(f.cpvr(), f.use(), now.seedDigest(), now.snapshotDigest(),
                    locked.get(), origins);
            if (compared.isEmpty()) {
                console.info(job.id(), "zentoo.lock records no instance of " + f.cpvr() + "'s package for this"
                        + " machine: no last good to compare with");
                return;
            }
            LastGood lastGood = compared.get();
            Path file = layout.bugReport(job.id(), f.cpvr()).resolve(LastGood.FILE);
            StringBuilder text = new StringBuilder(lastGood.text()).append('\n');
            console.warn(job.id(), lastGood.consoleLine() + "; see " + file);
            if (tryBuild) {
                console.info(job.id(), "building " + f.cpvr() + " once more with the locked USE, in a scratch PKGDIR"
                        + " (zentoo.bugreport.tryLastGood)");
                LastGoodBuild.Result result = new LastGoodBuild(steps, builder).run(job, f.cpvr(),
                        lastGood.lockedUseLine(), layout.base().resolve("last-good").resolve(job.classifierId()));
                String verdict = lastGood.verdict(result.retry(), result.detail());
                text.append("Built once more with the locked USE (package.use: ").append(lastGood.lockedUseLine())
                        .append("; log ").append(steps.logFile(job.id(), "last-good")).append("):\n")
                        .append(verdict).append('\n');
                console.warn(job.id(), "last good: " + verdict);
            } else {
                text.append("Whether it builds with the locked USE: mvn zentoo:build -Dzentoo.bugreport.tryLastGood"
                        + " builds it once more, in a scratch PKGDIR.\n");
            }
            Files.createDirectories(file.getParent());
            AtomicFile.write(file, text.toString(), AtomicFile.WORLD_READABLE);
        } catch (IOException | ConfigException | EngineException | StepFailedException | RuntimeException e) {
            console.warn(job.id(), "cannot compare the failure with its last good instance in zentoo.lock: "
                    + e.getMessage());
        }
    }
}
