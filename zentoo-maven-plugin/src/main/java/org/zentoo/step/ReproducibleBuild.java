package org.zentoo.step;

import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.Mount;
import org.zentoo.files.AtomicFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What makes a build container's binpkgs depend on their inputs and not on the
 * clock: {@code SOURCE_DATE_EPOCH} from the site's output timestamp, and
 * Zentoo's Python hook for Portage ({@code reproducible/sitecustomize.py}),
 * mounted read-only and put on {@code PYTHONPATH}, which Portage hands on to its
 * helpers as {@code PORTAGE_PYTHONPATH}, and {@code PYTHONHASHSEED=0}, so that
 * the order of Python sets Portage writes out does not change from run to run.
 * The hook sets BUILD_TIME and the gpkg's
 * member times to the epoch, clamps the image's mtimes to it and packs files in
 * name order; see docs/reproducibility.md.
 *
 * <p>The same hook lets distcc compile without {@code FEATURES=distcc}, which
 * Portage would record in every package it builds: {@link #portageHook} mounts it
 * whether or not there is an epoch.
 *
 * <p>Portage does not read {@code PORTAGE_BASHRC} from the environment (doebuild
 * sets it to {@code /etc/portage/bashrc}), and the machine's {@code /etc/portage}
 * is the user's rendered config: the hook is Python, so that the user's bashrc
 * stays what it is.
 */
public final class ReproducibleBuild {

    /** Where the hook's directory is mounted; it is on PYTHONPATH there. */
    public static final String HOOK_PATH = "/usr/lib/zentoo/python";
    static final String HOOK = ContainerScript.read(ReproducibleBuild.class, "reproducible/sitecustomize.py");

    private final Instant epoch;
    private final Path hookDirectory;

    private ReproducibleBuild(Instant epoch, Path hookDirectory) {
        this.epoch = epoch;
        this.hookDirectory = hookDirectory;
    }

    /** Builds that record the clock as Portage does: no epoch, no hook (and no distcc: tests only). */
    public static ReproducibleBuild off() {
        return new ReproducibleBuild(null, null);
    }

    /**
     * @param epoch         the site's output timestamp; {@code null} leaves builds as Portage makes them
     * @param hookDirectory where the hook is written on the host, to be mounted; written without an
     *                      epoch too, for distcc builds ({@link #portageHook})
     */
    public static ReproducibleBuild at(Instant epoch, Path hookDirectory) throws IOException {
        Path hook = hookDirectory.resolve("sitecustomize.py");
        if (!Files.isRegularFile(hook) || !Files.readString(hook).equals(HOOK)) {
            Files.createDirectories(hookDirectory);
            AtomicFile.write(hook, HOOK, AtomicFile.WORLD_READABLE);
        }
        return new ReproducibleBuild(epoch, hookDirectory);
    }

    /** Whole seconds: what Portage and Python's tools read from SOURCE_DATE_EPOCH. */
    public String sourceDateEpoch() {
        return epoch == null ? null : Long.toString(epoch.getEpochSecond());
    }

    /** The container with SOURCE_DATE_EPOCH and the hook mounted; unchanged when there is no epoch. */
    public ContainerSpec apply(ContainerSpec spec) {
        if (epoch == null) {
            return spec;
        }
        // A Linux kernel build stamps its version string with the date, the user and
        // the host (the container's random name) unless these say otherwise.
        return withHookAt(spec, HOOK_PATH).mount(Mount.bind(hookDirectory, HOOK_PATH, true))
                .env("KBUILD_BUILD_TIMESTAMP", "@" + sourceDateEpoch())
                .env("KBUILD_BUILD_USER", "zentoo")
                .env("KBUILD_BUILD_HOST", "zentoo");
    }

    /**
     * The container with SOURCE_DATE_EPOCH and the hook at {@code path}, where the
     * caller copies {@link #hookDirectory()}: assembly, whose root becomes the
     * stage and must not keep a mount point.
     */
    public ContainerSpec withHookAt(ContainerSpec spec, String path) {
        if (epoch == null) {
            return spec;
        }
        return spec.env("SOURCE_DATE_EPOCH", sourceDateEpoch())
                .env("PYTHONHASHSEED", "0")
                .env("PYTHONPATH", path);
    }

    /**
     * The container with the hook mounted read-only and on PYTHONPATH, with or
     * without an epoch (the hook then acts on the container's other switches, such
     * as distcc's); unchanged when it has the hook already.
     */
    public ContainerSpec portageHook(ContainerSpec spec) {
        if (hookDirectory == null) {
            throw new IllegalStateException("no hook directory: ReproducibleBuild.off() is for builds without distcc");
        }
        if (spec.mounts().stream().anyMatch(m -> m.target().equals(HOOK_PATH))) {
            return spec;
        }
        return spec.mount(Mount.bind(hookDirectory, HOOK_PATH, true)).env("PYTHONPATH", HOOK_PATH);
    }

    /** The host directory holding the hook, for reproducible builds; empty when there is no epoch. */
    public Optional<Path> hookDirectory() {
        return epoch == null ? Optional.empty() : Optional.of(hookDirectory);
    }
}
