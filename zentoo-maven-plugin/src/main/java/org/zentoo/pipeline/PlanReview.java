package org.zentoo.pipeline;

import org.zentoo.engine.EngineException;
import org.zentoo.files.AtomicFile;
import org.zentoo.render.Layout;
import org.zentoo.step.MachineJob;
import org.zentoo.step.Planner;
import org.zentoo.step.StepFailedException;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.zentoo.pipeline.MachineOutcomes.failed;

/**
 * Plans machines one by one for a goal (zentoo:plan, or the start of
 * zentoo:build), prints each plan, turns Portage's refusals and the site's
 * fights with the profile into failed outcomes, and ends with the site's plan.
 */
final class PlanReview {

    private final Planner planner;
    private final Layout layout;
    private final PipelineSettings.Console console;
    private final SitePipeline.Planning planning;
    private final List<MachinePlan> plans = new ArrayList<>();

    PlanReview(Planner planner, Layout layout, PipelineSettings.Console console, SitePipeline.Planning planning) {
        this.planner = planner;
        this.layout = layout;
        this.console = console;
        this.planning = planning;
    }

    /** The plan made last. */
    MachinePlan last() {
        return plans.get(plans.size() - 1);
    }

    /**
     * Plans one machine and prints its plan; returns its failed outcome when
     * Portage refuses it (or, strictly, when the site fights the profile), else
     * null. A plan that ran counts in the site summary either way.
     */
    Outcome plan(MachineJob job) {
        Instant start = Instant.now();
        console.info(job.id(), "planning @world (" + job.platform() + ") against binpkg partition " + job.partition()
                + " (store read-only)");
        try {
            MachinePlan plan = new MachinePlan(job.id(), job.partition(), job.platform().toString(),
                    planner.plan(job));
            plans.add(plan);
            List<String> refusals = plan.refusals(planning.site());
            if (refusals.isEmpty()) {
                plan.lines().forEach(line -> console.info(job.id(), line));
            }
            List<String> conflicts = plan.profileConflicts(planning.site());
            conflicts.forEach(c -> console.warn(job.id(), c));
            if (!refusals.isEmpty()) {
                return failed(console, job, start, new Refusals(job.id(), planning.site()).failure(
                        "nothing was compiled", refusals, Layout.logFile(layout.logs(), job.id(), "plan")));
            }
            if (planning.strict() && !conflicts.isEmpty()) {
                return failed(console, job, start, new PlanRefusedException(job.id(),
                        "the site asks for flags the profile refuses (an error under zentoo.strict):\n  "
                                + String.join("\n  ", conflicts)));
            }
            return null;
        } catch (StepFailedException | EngineException | IOException e) {
            return failed(console, job, start, e);
        }
    }

    void siteSummary() throws IOException {
        SitePlan site = new SitePlan(plans);
        site.summary().forEach(console::info);
        Files.createDirectories(layout.plan().getParent());
        AtomicFile.write(layout.plan(), site.json(), AtomicFile.WORLD_READABLE);
    }
}
