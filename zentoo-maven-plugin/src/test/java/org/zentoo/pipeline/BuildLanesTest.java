package org.zentoo.pipeline;

import org.junit.jupiter.api.Test;
import org.zentoo.step.MachineJob;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildLanesTest {

    private static MachineJob job(String id, String partition) {
        return new MachineJob(id, id, Path.of("/nonexistent"), "seed", "digest", "repos", null, List.of(), null,
                "inputs", partition);
    }

    private static final List<MachineJob> JOBS = List.of(job("a1", "A"), job("b1", "B"), job("a2", "A"), job("b2", "B"));

    @Test
    void aMachineThatFailsUnexpectedlyFailsAloneAndEveryOtherStillBuilds() throws InterruptedException {
        List<Outcome> outcomes = BuildLanes.run(JOBS, 2, j -> {
            if (j.id().equals("a1")) {
                throw new IllegalStateException("the daemon went away");
            }
            return new Outcome(j.id(), j.partition(), Outcome.Result.OK, "built", Duration.ZERO);
        });

        assertEquals(List.of("a1", "b1", "a2", "b2"), outcomes.stream().map(Outcome::machine).toList(),
                "outcomes in the order of the jobs");
        assertEquals(List.of(true, false, false, false), outcomes.stream().map(Outcome::failed).toList());
        assertTrue(outcomes.get(0).detail().contains("a1: the build failed unexpectedly")
                && outcomes.get(0).detail().contains("the daemon went away"), outcomes.get(0).detail());
    }

    @Test
    void zeroThreadsRunsEveryPartitionAtOnceAndAPartitionsMachinesInOrder() throws InterruptedException {
        // Each lane's first machine waits until both lanes have started: only parallel lanes end.
        CountDownLatch started = new CountDownLatch(2);
        Map<String, Long> order = new ConcurrentHashMap<>();
        List<Outcome> outcomes = BuildLanes.run(JOBS, 0, j -> {
            order.put(j.id(), System.nanoTime());
            if (j.id().endsWith("1")) {
                started.countDown();
                try {
                    if (!started.await(20, TimeUnit.SECONDS)) {
                        return new Outcome(j.id(), j.partition(), Outcome.Result.FAILED, "alone", Duration.ZERO);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new Outcome(j.id(), j.partition(), Outcome.Result.OK, "built", Duration.ZERO);
        });

        assertTrue(outcomes.stream().noneMatch(Outcome::failed), outcomes.toString());
        assertTrue(order.get("a1") < order.get("a2") && order.get("b1") < order.get("b2"), order.toString());
    }
}
