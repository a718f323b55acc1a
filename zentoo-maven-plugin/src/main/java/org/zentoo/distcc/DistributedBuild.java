package org.zentoo.distcc;

import org.zentoo.step.MachineJob;
import org.zentoo.step.StepFailedException;
import org.zentoo.step.ReproducibleBuild;
import org.zentoo.step.StepRunner;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.ImageInfo;
import org.zentoo.machine.Platform;
import org.zentoo.engine.Swarm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * One machine's build with distcc workers around it: make the machine's seed
 * with distcc in it ({@link WorkerImage}), start the workers from it (so
 * compilers match), check each answers with the build's gcc version, run the build
 * with distcc, then keep the workers' logs, warn about workers that died, count
 * where the compiles ran, and remove the workers and their network.
 *
 * <p>A machine of another architecture than the host's builds under QEMU user
 * emulation; its workers run natively instead, from the native image
 * {@code zentoo.distcc.crossImage} that has a cross-compiler for the machine's
 * CHOST ({@link CrossCompiler}), on this host. The build container is still the
 * machine's seed with distcc added: configure, preprocessing and linking run
 * emulated, the compiles at native speed.
 */
public final class DistributedBuild {

    /** The build itself, given the job (starting from the distcc image) and how to change its container. */
    @FunctionalInterface
    public interface Work<T> {
        T run(MachineJob job, UnaryOperator<ContainerSpec> distcc)
                throws EngineException, StepFailedException, IOException;
    }

    /**
     * What the build returned, and where its compiles ran.
     *
     * @param summary "; distcc: ..." for the summary table, empty for a step without distcc
     */
    public record Result<T>(T value, String summary) {

        /** A step that ran without distcc, as asked: nothing to add to the summary. */
        public static <T> Result<T> withoutDistcc(T value) {
            return new Result<>(value, "");
        }
    }

    private final StepRunner steps;
    private final DistccOptions options;
    private final ReproducibleBuild hook;
    private final BiConsumer<String, String> console;
    private final BiConsumer<String, String> warn;

    /**
     * @param hook    Zentoo's Python hook for Portage, which puts distcc on the build's PATH
     * @param console (machine, line) for progress
     * @param warn    (machine, line) for what a person should look at
     */
    public DistributedBuild(StepRunner steps, DistccOptions options, ReproducibleBuild hook,
                            BiConsumer<String, String> console, BiConsumer<String, String> warn) {
        this.steps = steps;
        this.options = options;
        this.hook = hook;
        this.console = console;
        this.warn = warn;
    }

    /**
     * @param step        the compiling step ({@code build}, {@code kernel}): names the distcc logs
     * @param environment the machine's build container, for making the distcc image
     * @param store       the binpkg volume
     */
    public <T> Result<T> run(MachineJob seeded, String step, ContainerSpec environment,
                             String store, Work<T> work) throws EngineException, StepFailedException, IOException {
        return run(seeded, step, environment, store, null, work);
    }

    /**
     * @param crossChost the CHOST of a machine of another architecture than this
     *                   host's, whose workers cross-compile for it; null for the host's own
     */
    public <T> Result<T> run(MachineJob seeded, String step, ContainerSpec environment, String store,
                             String crossChost, Work<T> work)
            throws EngineException, StepFailedException, IOException {
        DockerEngine engine = steps.engine();
        CrossCompiler cross = crossChost == null ? null : new CrossCompiler(crossChost);
        if (cross != null) {
            requireCrossImage(seeded, cross);
        }
        boolean swarm = options.mode() == DistccOptions.Mode.SWARM && cross == null;
        if (cross != null && options.mode() == DistccOptions.Mode.SWARM) {
            warn.accept(seeded.id(), "cross-compiling distcc workers run on this host: zentoo.distcc.mode=swarm"
                    + " places no workers by architecture yet");
        } else if (swarm) {
            // Before the distcc image is made: a Swarm that cannot run it fails at once.
            SwarmWorkers.requireUsable(new Swarm(engine).state(), engine.host(), options.registry());
        } else if (options.registry() != null) {
            warn.accept(seeded.id(), "zentoo.distcc.registry is for zentoo.distcc.mode=swarm; local workers run"
                    + " the image of this host, nothing is pushed");
        }
        MachineJob job = seeded.startingFrom(new WorkerImage(steps, console)
                .ensure(seeded, environment, store));
        String workerImage = cross != null ? options.crossImage() : swarm ? forSwarmNodes(job) : job.seedImage();
        String name = "zentoo-distcc-" + engine.run().runId() + "-" + job.classifierId();
        console.accept(job.id(), "starting " + options.workers() + " distcc workers (" + (swarm ? "swarm" : "local")
                + " mode, " + options.jobs() + " jobs each" + (cross == null ? "" : ", native, cross-compiling for "
                + cross.chost()) + ") from " + workerImage);
        Placement at = new Placement(engine, name, workerImage, job.id(),
                cross == null ? job.platform() : engine.platform());
        String compiler = cross == null ? "gcc" : cross.cc();
        try (WorkerPool pool = swarm
                ? SwarmWorkers.start(at, options, line -> console.accept(job.id(), line))
                : LocalWorkers.start(at, options, cross)) {
            WorkerProbe.Result probe = pool.probe(new WorkerProbe(engine, job.seedImage(), job.platform(), compiler));
            probe.silent().forEach(s -> warn.accept(job.id(), "distcc worker does not answer: " + s));
            List<String> refused = probe.refusals(job.id(), compiler);
            if (!refused.isEmpty()) {
                throw new EngineException(String.join("\n", refused));
            }
            List<Worker> workers = probe.answering();
            if (workers.isEmpty()) {
                warn.accept(job.id(), "no distcc worker answers; building without distcc");
                return new Result<>(work.run(job, UnaryOperator.identity()),
                        "; distcc: no worker answered, all compiled locally");
            }
            console.accept(job.id(), "distcc workers answering: "
                    + String.join(", ", workers.stream().map(Worker::label).toList()));
            Path clientLog = emptyClientLog(steps.logFile(job.id(), step + "-distcc"));
            T value;
            try {
                value = work.run(job, spec -> ClientSettings.apply(spec, hook, pool.network(), workers,
                        options.jobs(), clientLog));
            } catch (EngineException | StepFailedException | IOException | RuntimeException e) {
                afterBuild(job, step, pool, clientLog);
                throw e;
            }
            DistccReport report = afterBuild(job, step, pool, clientLog);
            console.accept(job.id(), report.summary());
            return new Result<>(value, "; " + report.summary(host -> shortName(name, workers, host)));
        }
    }

    /** Cross workers need a native image with the cross-compiler; Zentoo cannot make one up. */
    private void requireCrossImage(MachineJob job, CrossCompiler cross) throws EngineException {
        String fix = "Build a native image with distcc and a cross-compiler for " + cross.chost() + " (on Gentoo:"
                + " a stage3 of this host's architecture with sys-devel/distcc and crossdev --stable -t "
                + cross.chost() + ", with the machine's gcc version; docs/scaling.md shows the recipe) and name it"
                + " with -Dzentoo.distcc.crossImage=IMAGE, or build without workers: -Dzentoo.distcc.workers=0";
        if (options.crossImage() == null) {
            throw new EngineException(job.id() + " runs under emulation (CHOST " + cross.chost() + "), so its"
                    + " distcc workers cross-compile natively, and zentoo.distcc.crossImage names no image for them. "
                    + fix);
        }
        Optional<ImageInfo> image = steps.engine().images().inspect(options.crossImage());
        if (image.isEmpty()) {
            throw new EngineException("zentoo.distcc.crossImage " + options.crossImage() + " is not on this Docker"
                    + " host. " + fix);
        }
        Platform host = steps.engine().platform();
        if (!image.get().platform().equals(host)) {
            throw new EngineException("zentoo.distcc.crossImage " + options.crossImage() + " is of platform "
                    + image.get().platform() + ", but cross workers run natively, as " + host + " (the Docker"
                    + " host's). " + fix);
        }
    }

    /** The distcc image as Swarm nodes reach it: pushed to the registry when there is one. */
    private String forSwarmNodes(MachineJob job) throws EngineException {
        if (options.registry() == null) {
            return job.seedImage();
        }
        String pushed = SwarmWorkers.publish(steps.engine(), job.seedImage(), options.registry(), line -> { });
        console.accept(job.id(), "distcc image pushed for the Swarm nodes: " + pushed);
        return pushed;
    }

    /**
     * Keeps the workers' logs and says which workers failed, whether the build
     * passed or not; returns what distcc's client log counts (nothing when it
     * cannot be read).
     */
    private DistccReport afterBuild(MachineJob job, String step, WorkerPool pool, Path clientLog) {
        DistccReport report = DistccClientLog.parse(List.of());
        try {
            report = DistccClientLog.parse(Files.readAllLines(clientLog, StandardCharsets.UTF_8));
            report.failedRemote().forEach((host, n) -> warn.accept(job.id(), "distcc worker " + host + " failed "
                    + n + " compile jobs; they ran elsewhere"));
        } catch (IOException e) {
            warn.accept(job.id(), "cannot read distcc's client log " + clientLog + ": " + e.getMessage());
        }
        try {
            pool.saveLogs(worker -> steps.logFile(job.id(), step + "-distccd-" + worker));
            for (String lost : pool.lost()) {
                warn.accept(job.id(), "distcc worker " + lost + " stopped during the build;"
                        + " distcc compiled its jobs on the other workers or locally");
            }
        } catch (EngineException e) {
            warn.accept(job.id(), "cannot read the distcc workers' state: " + e.getMessage());
        }
        return report;
    }

    /**
     * A worker as the summary table shows it: w1 for the container
     * zentoo-distcc-RUN-MACHINE-w1, replica 1 for the Swarm task SERVICE.1 (whose
     * host in distcc's log is its address).
     */
    static String shortName(String pool, List<Worker> workers, String host) {
        String name = workers.stream().filter(w -> w.host().equals(host)).map(Worker::name).findFirst().orElse(host);
        if (!name.startsWith(pool) || name.length() <= pool.length() + 1) {
            return host;
        }
        String rest = name.substring(pool.length() + 1);
        return rest.chars().allMatch(Character::isDigit) ? "replica " + rest : rest;
    }

    /**
     * A fresh file for distcc's client log, bind-mounted into the build. The
     * compiles run as the portage user (FEATURES=userpriv), so anyone may write it.
     */
    private static Path emptyClientLog(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        return file;
    }
}
