package org.zentoo.distcc;

import org.zentoo.step.Builder;
import org.zentoo.step.MachineInputs;
import org.zentoo.step.MachineJob;
import org.zentoo.step.PortageCommands;
import org.zentoo.step.StepFailedException;
import org.zentoo.step.StepRunner;
import org.zentoo.step.StoreLock;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.NamedVolumes;
import org.zentoo.engine.RunIdentity;

import java.io.IOException;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The image a machine's distcc workers and its distcc build run from: the
 * machine's seed with sys-devel/distcc emerged into it, with the machine's config
 * and from the machine's binpkg partition. Nothing else in the seed changes, so
 * the workers' compilers are the build's. Official stage3 images have no distcc;
 * a seed that has it is committed as it is.
 *
 * <p>The image is a cache like a seed image: tagged {@code zentoo/distcc:KEY},
 * where KEY hashes what the emerge depends on, and made once.
 */
public final class WorkerImage {

    public static final String REPOSITORY = "zentoo/distcc";
    /** Marks derived images, with the binpkg volume whose partition they were built from. */
    public static final String STORE_LABEL = "org.zentoo.distcc.store";
    private static final String STEP = "distcc-image";
    /** Bump when the derivation changes, so old images are not reused. */
    private static final String RECIPE = "1";

    private final StepRunner steps;
    private final BiConsumer<String, String> console;

    /** @param console (machine, line) for progress */
    public WorkerImage(StepRunner steps, BiConsumer<String, String> console) {
        this.steps = steps;
        this.console = console;
    }

    /**
     * The image reference for the machine's workers and build.
     *
     * @param environment the machine's build container (seed, config, volumes, PKGDIR), store writable
     * @param store       the binpkg volume, recorded on the image so its owner can find it
     */
    public String ensure(MachineJob job, ContainerSpec environment, String store)
            throws EngineException, StepFailedException, IOException {
        String tag = key(job, steps.engine().volumes().labels(store).getOrDefault(NamedVolumes.IDENTITY_LABEL, ""));
        String reference = REPOSITORY + ":" + tag;
        DockerEngine engine = steps.engine();
        if (engine.images().inspect(reference).isPresent()) {
            console.accept(job.id(), "distcc image " + reference + " (made earlier)");
            return reference;
        }
        console.accept(job.id(), "making distcc image " + reference + ": " + PortageCommands.line(
                PortageCommands.DISTCC) + " in " + job.seedImage() + ", binpkgs in partition " + job.partition());
        steps.step(job.id(), STEP, derivation(environment))
                .explain(e -> e.explained("cannot make the distcc image: sys-devel/distcc could not be installed in "
                        + job.seedImage() + " with the machine's config (it must be in the repositories, unmasked"
                        + " and keyworded for it); zentoo.distcc.workers=0 builds without distcc"))
                .run((id, log) -> engine.images().commit(id, REPOSITORY, tag, Map.of(STORE_LABEL, store,
                        "org.zentoo.distcc.seed", job.seedDigest(), "org.zentoo.distcc.partition", job.partition(),
                        RunIdentity.MACHINE, job.id())));
        return reference;
    }

    /**
     * What the emerge depends on: the seed, the repository snapshot, the partition
     * (the build ABI) and the machine's Portage config (USE of distcc and its deps);
     * and the store itself. The build container starts from the image, so what the
     * emerge installed counts as installed there and is not built again: its
     * binpkgs must be in the store, which a store made again no longer has.
     */
    static String key(MachineJob job, String storeId) throws IOException {
        return new MachineInputs().value(RECIPE).value(job.seedDigest()).value(job.reposVolume()).value(job.partition())
                .value(storeId).tree(job.portageConfig()).hash().substring(0, 24);
    }

    /**
     * The build environment's mounts, with its variables set in the script instead
     * of the container: a commit keeps a container's variables, and the workers
     * must not inherit PKGDIR or FEATURES=buildpkg. The emerge writes distcc's
     * binpkgs into the partition, so it runs under the store's lock.
     */
    static ContainerSpec derivation(ContainerSpec environment) {
        ContainerSpec spec = new ContainerSpec(environment.image()).machine(environment.machine())
                .platform(environment.platform());
        environment.mounts().forEach(spec::mount);
        String exports = environment.env().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "export " + e.getKey() + "=" + shellQuoted(e.getValue()) + "; ")
                .collect(Collectors.joining());
        spec.script(exports
                + "if command -v distcc >/dev/null && command -v distccd >/dev/null; then"
                + " echo '[zentoo] the seed has distcc already'; exit 0; fi; "
                + "mkdir -p \"$PKGDIR\" && " + PortageCommands.line(PortageCommands.DISTCC)
                + " || { rc=$?; " + Builder.FAILED_BUILD_LOGS + " exit $rc; }");
        return StoreLock.shared(spec);
    }

    static String shellQuoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
