package org.zentoo.step;

import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.Mount;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * zentoo:rebuild-check's comparison for one machine: each binpkg rebuilt into a
 * scratch store against the site's binpkgs of the same package, in a container
 * from the machine's seed with both stores read-only ({@code compare-binpkgs.sh}).
 */
public final class BinpkgComparison {

    private static final String SCRIPT = ContainerScript.read(BinpkgComparison.class, "compare-binpkgs.sh");
    private static final String SCRATCH_PATH = "/var/tmp/zentoo-scratch";

    private final StepRunner steps;

    public BinpkgComparison(StepRunner steps) {
        this.steps = steps;
    }

    /**
     * Per package: reproducible, or the files that differ.
     *
     * @param differing package → the files of its binpkg that differ (metadata/…, image/…)
     * @param metadata  short metadata differences, {@code CPV: KEY: site -> rebuilt}
     */
    public record Result(List<String> reproducible, Map<String, List<String>> differing, List<String> metadata) {
    }

    /** @param packages what the machine's rebuild emerged, as {@code category/PF} */
    public Result compare(MachineJob job, Volumes site, Volumes scratch, List<String> packages)
            throws EngineException, StepFailedException, IOException {
        List<String> reproducible = new ArrayList<>();
        Map<String, List<String>> differing = new LinkedHashMap<>();
        List<String> metadata = new ArrayList<>();
        ContainerSpec spec = job.container(job.seedImage())
                .mount(Mount.volume(site.binpkgs(), Volumes.BINPKGS_PATH, true))
                .mount(Mount.volume(scratch.binpkgs(), SCRATCH_PATH, true))
                .env("ZENTOO_SITE", job.pkgdir())
                .env("ZENTOO_PACKAGES", String.join(" ", packages))
                .env("ZENTOO_SCRATCH", SCRATCH_PATH + job.pkgdir().substring(Volumes.BINPKGS_PATH.length()))
                .script(SCRIPT);
        steps.run(job.id(), "rebuild-compare", spec, line -> {
            if (line.startsWith("[zentoo] reproducible: ")) {
                reproducible.add(line.substring("[zentoo] reproducible: ".length()));
            } else if (line.startsWith("[zentoo] differs: ")) {
                String rest = line.substring("[zentoo] differs: ".length());
                int colon = rest.indexOf(": ");
                differing.computeIfAbsent(rest.substring(0, colon), k -> new ArrayList<>()).add(rest.substring(colon + 2));
            } else if (line.startsWith("[zentoo] metadata: ")) {
                metadata.add(line.substring("[zentoo] metadata: ".length()));
            }
        });
        return new Result(reproducible, differing, metadata);
    }
}
