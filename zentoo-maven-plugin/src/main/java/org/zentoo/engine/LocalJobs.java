package org.zentoo.engine;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Jobs on the daemon Maven talks to: one container's life as {@link Containers}
 * leads it. Steps that copy inputs in or take results out of the container use
 * {@link #run(ContainerSpec, Containers.Prepare, Consumer, Containers.Finish)},
 * which only a local container allows.
 */
public final class LocalJobs implements Jobs {

    private final Containers containers;

    LocalJobs(Containers containers) {
        this.containers = containers;
    }

    @Override
    public int runToCompletion(ContainerSpec spec, List<JobSecret> secrets, Consumer<String> lines)
            throws EngineException {
        if (!secrets.isEmpty()) {
            // A local secret would be a file copied into the container's layer, which a
            // docker export or commit then carries; no local step needs one yet.
            throw new EngineException("secrets " + secrets + " reach only Swarm jobs; run with -Dzentoo.swarm=true"
                    + " or pass the step no secret");
        }
        return containers.run(spec, lines);
    }

    /**
     * The one life of a local container with inputs and results: create, prepare
     * (copy in), start, follow, finish (copy out, export) and remove.
     */
    public <T, X extends Exception> T run(ContainerSpec spec, Containers.Prepare prepare, Consumer<String> lines,
                                          Containers.Finish<T, X> finish) throws EngineException, IOException, X {
        return containers.run(spec, prepare, lines, finish);
    }
}
