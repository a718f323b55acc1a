package org.zentoo.engine;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JobProgressTest {

    @Test
    void aRunningTaskNamesItsNode() {
        assertEquals("[m1] Swarm job running on node n7, 3 min",
                JobProgress.line("m1", Duration.ofSeconds(200), "running", "n7", "started"));
    }

    @Test
    void aTaskNoNodeSuitsSaysWhyAndWhatToCheck() {
        assertEquals("[m1] Swarm job pending: no suitable node (scheduling constraints not satisfied on 3 nodes),"
                        + " 1 min (no node yet: check zentoo.swarm.constraints and the platform against docker node ls)",
                JobProgress.line("m1", Duration.ofSeconds(61), "pending", null,
                        "no suitable node (scheduling constraints not satisfied on 3 nodes)"));
    }

    @Test
    void beforeSwarmMadeATask() {
        assertEquals("[m1] Swarm job no task yet, 2 min", JobProgress.line("m1", Duration.ofMinutes(2), null, null, null));
        assertEquals("[m1] Swarm job preparing on node n2: pulling, 4 min",
                JobProgress.line("m1", Duration.ofMinutes(4), "preparing", "n2", "pulling"));
    }
}
