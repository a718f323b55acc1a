package org.zentoo.pipeline;

import org.zentoo.archive.ContainerLeftovers;
import org.zentoo.archive.StageArchiver;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.RunIdentity;
import org.zentoo.files.Sha256;
import org.zentoo.render.Layout;
import org.zentoo.step.Assembler;
import org.zentoo.step.BinpkgComparison;
import org.zentoo.step.BinpkgSigning;
import org.zentoo.step.Builder;
import org.zentoo.step.EmergeReport;
import org.zentoo.step.MachineJob;
import org.zentoo.step.ReproducibleBuild;
import org.zentoo.step.StepFailedException;
import org.zentoo.step.StepRunner;
import org.zentoo.step.Volumes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.zentoo.pipeline.MachineOutcomes.failed;
import static org.zentoo.pipeline.MachineOutcomes.since;

/**
 * zentoo:rebuild-check for one machine at a time: rebuilds its @world into a
 * scratch store of its own, compares every rebuilt binpkg with the site's, and,
 * when they all are the same, the stage assembled from the scratch store with
 * the site's stage3.
 * <p>
 * On a signing site the rebuild signs with the site's key too: the build's
 * environment (FEATURES, the BINPKG_GPG_* variables) is then the one the site's
 * build had, and Portage records it in each binpkg's metadata. Signatures carry
 * the time gpg made them, so a signed binpkg counts as reproducible when every
 * member but its signatures is the same ({@code compare-binpkgs.sh}), and the
 * stage is not compared: it names each binpkg it was made from by SHA-256.
 */
final class RebuildCheck {

    private final StepRunner steps;
    private final Volumes volumes;
    private final Volumes scratch;
    private final ReproducibleBuild reproducible;
    private final Layout layout;
    private final PipelineSettings.Console console;
    private final StageArchiver archiver;
    private final BinpkgSigning signing;

    /** @param signing the site's signing, or null for an unsigned site */
    RebuildCheck(StepRunner steps, Volumes volumes, ReproducibleBuild reproducible, Layout layout,
                 PipelineSettings.Console console, StageArchiver archiver, BinpkgSigning signing) {
        this.steps = steps;
        this.volumes = volumes;
        this.scratch = new Volumes(volumes.prefix() + "-rebuild-check");
        this.reproducible = reproducible;
        this.layout = layout;
        this.console = console;
        this.archiver = archiver;
        this.signing = signing;
    }

    Outcome machine(MachineJob job) {
        Instant start = Instant.now();
        console.info(job.id(), "rebuilding @world from scratch into " + scratch.binpkgs());
        try {
            EmergeReport rebuilt = new Builder(steps, scratch, reproducible, signing).build(job, "rebuild",
                    UnaryOperator.identity());
            List<String> packages = new ArrayList<>();
            for (String cpv : rebuilt.compiled()) {
                packages.add(cpv.replaceFirst("::.*$", ""));
            }
            for (String cpv : rebuilt.fromBinary()) {
                packages.add(cpv.replaceFirst("::.*$", ""));
            }
            BinpkgComparison.Result result = new BinpkgComparison(steps).compare(job, volumes, scratch, packages);
            result.reproducible().forEach(cpv -> console.info(job.id(), "reproducible: " + cpv));
            result.differing().forEach((cpv, files) -> console.warn(job.id(), "not reproducible: " + cpv
                    + ", differs in " + String.join(", ", files)));
            result.metadata().forEach(line -> console.warn(job.id(), "  metadata " + line));
            String detail = result.reproducible().size() + " reproducible, " + result.differing().size()
                    + " not reproducible";
            if (result.differing().isEmpty() && signing != null) {
                console.info(job.id(), "stage3 not compared: the site signs its binpkgs, a signature records when"
                        + " it was made, and the stage names each binpkg it was made from by SHA-256"
                        + " (/var/lib/zentoo/instances)");
                return new Outcome(job.id(), job.partition(), Outcome.Result.OK, detail
                        + " (signatures aside), stage3 not compared (signed binpkgs)", since(start));
            }
            if (result.differing().isEmpty()) {
                String stage = compareStage(job);
                if (stage != null) {
                    return failed(console, job, start, new StepFailedException(job.id(), "rebuild-check",
                            detail + "; " + stage, List.of(), steps.logFile(job.id(), "rebuild-assemble")));
                }
                return new Outcome(job.id(), job.partition(), Outcome.Result.OK, detail + ", stage3 "
                        + (Files.isRegularFile(layout.stage(job.classifierId(), archiver.format().extension()))
                        ? "reproducible" : "not compared (no stage3: run zentoo:assemble first)"), since(start));
            }
            List<String> named = new ArrayList<>();
            result.differing().forEach((cpv, files) -> named.add(cpv + " (" + String.join(", ", files) + ")"));
            return failed(console, job, start, new StepFailedException(job.id(), "rebuild-check",
                    detail + ": " + String.join("; ", named), List.of(), steps.logFile(job.id(), "rebuild-compare")));
        } catch (StepFailedException | EngineException | IOException e) {
            return failed(console, job, start, e);
        }
    }

    /**
     * Assembles the machine from the scratch store, packed as its stage3 is, and
     * compares the two; returns what differs, or null. A rebuilt stage that
     * differs is kept beside the site's for a closer look.
     */
    private String compareStage(MachineJob job)
            throws EngineException, StepFailedException, IOException {
        String extension = archiver.format().extension();
        Path site = layout.stage(job.classifierId(), extension);
        if (!Files.isRegularFile(site)) {
            console.info(job.id(), "stage3 not compared: " + site + " is missing (run zentoo:assemble first)");
            return null;
        }
        Path rebuilt = layout.rebuiltStage(job.classifierId(), extension);
        Files.createDirectories(rebuilt.getParent());
        new Assembler(steps, scratch, reproducible).assemble(job, "rebuild-assemble",
                root -> archiver.excluding(ContainerLeftovers.DOCKER_PLACEHOLDERS)
                        .withProgress(line -> console.info(job.id(), line)).packTarStream(root, rebuilt));
        String siteSum = Sha256.ofFile(site);
        String rebuiltSum = Sha256.ofFile(rebuilt);
        if (siteSum.equals(rebuiltSum)) {
            Files.delete(rebuilt);
            console.info(job.id(), "stage3 reproducible: sha256 " + siteSum);
            return null;
        }
        console.warn(job.id(), "stage3 differs: " + site + " has sha256 " + siteSum + ", the rebuilt " + rebuilt
                + " has " + rebuiltSum);
        return "stage3 differs (rebuilt: " + rebuilt + ")";
    }

    /** An empty scratch store and distfiles volume. */
    void prepareScratch() throws EngineException {
        steps.engine().volumes().ensure(scratch.binpkgs(), Map.of(RunIdentity.SITE, "shared"));
        steps.engine().volumes().ensure(scratch.distfiles(), Map.of(RunIdentity.SITE, "shared"));
    }

    void removeScratch() throws EngineException {
        steps.engine().volumes().remove(scratch.binpkgs());
        steps.engine().volumes().remove(scratch.distfiles());
    }
}
