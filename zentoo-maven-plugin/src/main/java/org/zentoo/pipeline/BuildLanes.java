package org.zentoo.pipeline;

import org.zentoo.step.MachineJob;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs zentoo:build's machines in lanes: the machines of one partition one after
 * another, in order (a later one reuses what an earlier one put in the partition),
 * different partitions on up to {@code threads} threads (0: one per partition, for
 * Swarm jobs the scheduler places). A machine that fails in an unexpected way fails
 * alone: its lane goes on, and so do the others. Outcomes come back in the order of
 * the jobs given.
 */
final class BuildLanes {

    private BuildLanes() {
    }

    static List<Outcome> run(List<MachineJob> jobs, int threads, Function<MachineJob, Outcome> build)
            throws InterruptedException {
        Map<String, MachineJob> byId = new LinkedHashMap<>();
        Map<String, String> partitions = new LinkedHashMap<>();
        jobs.forEach(j -> {
            byId.put(j.id(), j);
            partitions.put(j.id(), j.partition());
        });
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        Map<String, List<String>> plan = BuildPlan.of(partitions).lanes();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads > 0 ? threads : plan.size()));
        try {
            List<Future<?>> lanes = new ArrayList<>();
            plan.forEach((partition, machines) -> lanes.add(pool.submit(() -> {
                for (String id : machines) {
                    outcomes.add(buildAlone(byId.get(id), build));
                }
            })));
            for (Future<?> lane : lanes) {
                try {
                    lane.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a build lane failed unexpectedly", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<Outcome> ordered = new ArrayList<>();
        for (MachineJob j : jobs) {
            outcomes.stream().filter(o -> o.machine().equals(j.id())).forEach(ordered::add);
        }
        return ordered;
    }

    private static Outcome buildAlone(MachineJob job, Function<MachineJob, Outcome> build) {
        Instant start = Instant.now();
        try {
            return build.apply(job);
        } catch (RuntimeException e) {
            return Outcome.failed(job.id(), job.partition(), Duration.between(start, Instant.now()),
                    new IllegalStateException(job.id() + ": the build failed unexpectedly: " + e, e));
        }
    }
}
