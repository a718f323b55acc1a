package org.zentoo.step;

import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.EngineException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * zentoo:plan for one machine: in its build environment with the binpkg store
 * read-only, plan.py runs {@link PortageCommands#PLAN} and asks Portage's API
 * why each package would be compiled or reused. Nothing is written to the store.
 */
public final class Planner {

    private static final String SCRIPT = ContainerScript.read(Planner.class, "plan.py");

    private final StepRunner steps;
    private final Builder builder;

    /** @param builder the machines' build environment, which the plan runs in with the store read-only */
    public Planner(StepRunner steps, Builder builder) {
        this.steps = steps;
        this.builder = builder;
    }

    /** What emerge would do for the machine's @world against its partition. */
    public PlanReport plan(MachineJob job) throws EngineException, StepFailedException, IOException {
        PlanReport report = new PlanReport();
        List<String> command = new ArrayList<>(List.of("python3", "-c", SCRIPT));
        command.addAll(PortageCommands.PLAN);
        ContainerSpec spec = builder.environment(job, false).command(command.toArray(String[]::new));
        steps.run(job.id(), "plan", spec, report);
        return report;
    }
}
