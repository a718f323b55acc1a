package org.zentoo.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskEndTest {

    @Test
    void aProcessThatExitedIsAnEndWhateverItsCode() {
        assertEquals(new TaskEnd(TaskEnd.Kind.EXITED, 0, null), TaskEnd.of("complete", 0, "finished", "ready", "active"));
        assertEquals(new TaskEnd(TaskEnd.Kind.EXITED, 3, null),
                TaskEnd.of("failed", 3, "task: non-zero exit (3)", "ready", "active"));
        // Even if its node went down afterwards: the answer is in, nothing is run again.
        assertEquals(TaskEnd.Kind.EXITED, TaskEnd.of("failed", 137, "non-zero exit (137)", "down", "active").kind());
    }

    @Test
    void aDeadNodeLeavesItsTaskRunningAndIsALoss() {
        // What Swarm 20.10 showed when the test Swarm's worker container was killed.
        TaskEnd end = TaskEnd.of("running", 0, "started", "down", "active");
        assertEquals(TaskEnd.Kind.LOST, end.kind());
        assertEquals("node is down", end.why());
        assertEquals(TaskEnd.Kind.LOST, TaskEnd.of("running", null, "started", "ready", "drain").kind());
    }

    @Test
    void aTaskThatNeverRanToItsEndIsALoss() {
        for (String state : new String[] {"orphaned", "shutdown", "rejected", "remove"}) {
            assertEquals(TaskEnd.Kind.LOST, TaskEnd.of(state, null, "x", "ready", "active").kind(), state);
        }
        assertEquals(TaskEnd.Kind.LOST, TaskEnd.of("failed", null, "starting container failed", "ready", "active")
                .kind(), "failed without an exit code: the process never ran");
    }

    @Test
    void aTaskOnItsWayIsStillRunning() {
        for (String state : new String[] {"new", "pending", "assigned", "preparing", "starting", "running"}) {
            assertEquals(TaskEnd.Kind.RUNNING, TaskEnd.of(state, null, null, "ready", "active").kind(), state);
        }
        assertEquals(TaskEnd.Kind.RUNNING, TaskEnd.of("pending", null, "no suitable node", null, null).kind());
    }

    @Test
    void aPendingTaskWithoutANodeIsUnplacedOtherwiseNot() {
        // What Swarm 20.10 said of the retried assembly of the swarm-site IT, its one other worker full.
        assertTrue(TaskEnd.unplaced("pending",
                "no suitable node (scheduling constraints not satisfied on 2 nodes; 1 node not available for new tasks)"));
        assertFalse(TaskEnd.unplaced("pending", null));
        assertFalse(TaskEnd.unplaced("pending", "pulling image"));
        assertFalse(TaskEnd.unplaced("running", "no suitable node"));
    }
}
