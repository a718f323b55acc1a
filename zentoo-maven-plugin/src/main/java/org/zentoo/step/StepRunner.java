package org.zentoo.step;

import org.zentoo.engine.Containers;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.RunIdentity;
import org.zentoo.engine.StepLog;
import org.zentoo.engine.StreamPump;
import org.zentoo.engine.SwarmJobs;
import org.zentoo.render.Layout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs the container steps of machines, each the same way: create with the run's
 * labels, copy inputs in, start, follow the output into
 * {@code logs/<machine>-<step>.log} (progress lines also to the console), take
 * the exit code, collect what the step made, and remove the container in any
 * case. A step that exits non-zero becomes a {@link StepFailedException} with
 * its last lines. A killed run's containers are collected by the next run.
 *
 * <p>{@link #onSwarm} gives a runner whose steps run as Swarm jobs ({@link SwarmTask}):
 * the same spec, its inputs in a pushed image and its secrets as Docker secrets. Such a
 * step collects nothing from its container: its results come through the binhost, and
 * its output arrives when the task has ended.
 */
public final class StepRunner {

    private final DockerEngine engine;
    private final Path logDirectory;
    private final BiConsumer<String, String> console;
    /** When not null, steps run as Swarm jobs there, their inputs pushed to {@link #registry}. */
    private final SwarmJobs swarm;
    private final String registry;

    /**
     * @param console receives (machine, line) for lines worth showing a person
     */
    public StepRunner(DockerEngine engine, Path logDirectory, BiConsumer<String, String> console) {
        this(engine, logDirectory, console, null, null);
    }

    private StepRunner(DockerEngine engine, Path logDirectory, BiConsumer<String, String> console, SwarmJobs swarm,
                       String registry) {
        this.engine = engine;
        this.logDirectory = logDirectory;
        this.console = console;
        this.swarm = swarm;
        this.registry = registry;
    }

    /**
     * A runner of the same logs whose steps run as jobs of {@code jobs}, their images
     * pushed to {@code registry} (every node pulls them from there, by digest).
     */
    public StepRunner onSwarm(SwarmJobs jobs, String registry) {
        return new StepRunner(engine, logDirectory, console, jobs, registry);
    }

    public DockerEngine engine() {
        return engine;
    }

    public Path logFile(String machine, String step) {
        return Layout.logFile(logDirectory, machine, step);
    }

    /** A step to configure and then {@link Step#run}. */
    public Step step(String machine, String step, ContainerSpec spec) {
        return new Step(machine, step, spec);
    }

    /** A step whose only result is its output: every line goes to {@code observer} and to the log. */
    public StepLog run(String machine, String step, ContainerSpec spec, Consumer<String> observer)
            throws EngineException, StepFailedException, IOException {
        return step(machine, step, spec).observe(observer).run((id, log) -> log);
    }

    /**
     * What a step takes from its container after a clean exit, before the container goes;
     * {@code containerId} is null when the step ran as a Swarm job ({@link #onSwarm}).
     */
    @FunctionalInterface
    public interface Collect<T> {
        T from(String containerId, StepLog log) throws EngineException, IOException;
    }

    /** One container step being set up. */
    public final class Step {

        private final String machine;
        private final String name;
        private final ContainerSpec spec;
        private final List<Copy> copies = new ArrayList<>();
        private Consumer<String> observer = line -> { };
        private UnaryOperator<StepFailedException> explain = UnaryOperator.identity();

        private Step(String machine, String name, ContainerSpec spec) {
            this.machine = machine;
            this.name = name;
            this.spec = spec;
        }

        /** Unpacks the tar {@code tar} writes at {@code path} in the container before it starts. */
        public Step copyIn(String path, StreamPump.Writer tar) {
            copies.add(new Copy(path, tar));
            return this;
        }

        /** Sees every line the container writes. */
        public Step observe(Consumer<String> lines) {
            this.observer = lines;
            return this;
        }

        /** Turns a failure into one that says what it means for the machine. */
        public Step explain(UnaryOperator<StepFailedException> failure) {
            this.explain = failure;
            return this;
        }

        public <T> T run(Collect<T> collect) throws EngineException, StepFailedException, IOException {
            Containers containers = engine.containers();
            Path file = logFile(machine, name);
            try (StepLog log = new StepLog(file, line -> {
                observer.accept(line);
                String shown = EmergeReport.forConsole(line);
                if (shown != null) {
                    console.accept(machine, shown);
                }
            })) {
                if (swarm != null) {
                    return runOnSwarm(file, log, collect);
                }
                return engine.jobs().run(spec.machine(machine), id -> {
                    for (Copy copy : copies) {
                        containers.copyIn(id, copy.path(), copy.tar());
                    }
                }, log, (id, exit) -> {
                    if (exit != 0) {
                        throw explain.apply(new StepFailedException(machine, name, "exit code " + exit, log.tail(),
                                file));
                    }
                    return collect.from(id, log);
                });
            }
        }

        /** The step as a Swarm job: its image built and pushed here, its output read when the task has ended. */
        private <T> T runOnSwarm(Path file, StepLog log, Collect<T> collect)
                throws EngineException, StepFailedException, IOException {
            ContainerSpec local = spec.machine(machine);
            SwarmTask.Plan plan = SwarmTask.plan(local, copies.stream().map(Copy::path).toList());
            String image = SwarmTask.image(engine, local, plan, copies.stream().map(Copy::tar).toList(), registry,
                    SwarmTask.tag(engine.run().runId(), machine, name), line -> { });
            // The step's name on the service: a person (or a test) watching the Swarm tells a build from an assembly.
            SwarmJobs.Outcome outcome = swarm.run(SwarmTask.remote(local, image, plan).label(RunIdentity.STEP, name),
                    SwarmTask.secrets(plan), log);
            if (plan.detached()) {
                log.accept("[zentoo] " + name + " asked for --network none, which a Swarm service cannot: its task"
                        + " joined no network of the Swarm (Docker gives such a task its node's default bridge)");
            }
            // Into the log (and so to the console): where the task ran is what a person asks first.
            log.accept("[zentoo] " + name + " ran as a Swarm job on node " + outcome.nodeId()
                    + (outcome.attempts() > 1 ? ", its " + outcome.attempts() + ". task" : "") + ", image " + image);
            int exit = outcome.exitCode();
            if (exit != 0) {
                throw explain.apply(new StepFailedException(machine, name, "exit code " + exit, log.tail(), file));
            }
            return collect.from(null, log);
        }
    }

    private record Copy(String path, StreamPump.Writer tar) {
    }
}
