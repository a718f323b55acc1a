package org.zentoo.engine;

import java.util.List;
import java.util.function.Consumer;

/**
 * The one seam between a step and where its container runs: run this container
 * spec to completion and give me its output. {@link LocalJobs} runs it on the
 * daemon Maven talks to; {@link SwarmJobs} runs it as a Swarm replicated job on
 * whichever node the placement allows. Either way the container carries the
 * run's labels and is gone when the call returns, whatever happened.
 */
public interface Jobs {

    /**
     * Runs {@code spec} until its process ends, hands every line it wrote to
     * {@code lines}, and returns its exit code. {@code secrets} are readable in the
     * container at their {@link JobSecret#path()} and nowhere else: not in the spec,
     * the environment, a label or a log.
     */
    int runToCompletion(ContainerSpec spec, List<JobSecret> secrets, Consumer<String> lines) throws EngineException;

    /** As {@link #runToCompletion(ContainerSpec, List, Consumer)}, without secrets. */
    default int runToCompletion(ContainerSpec spec, Consumer<String> lines) throws EngineException {
        return runToCompletion(spec, List.of(), lines);
    }
}
