package org.zentoo.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunIdentityTest {

    private final RunIdentity me = RunIdentity.start("org.example:site");

    @Test
    void labelsNameSiteMachineRunAndOwner() {
        var labels = me.labels("web01");
        assertEquals("org.example:site", labels.get(RunIdentity.SITE));
        assertEquals("web01", labels.get(RunIdentity.MACHINE));
        assertEquals(me.runId(), labels.get(RunIdentity.RUN));
        assertEquals(me.host() + ":" + me.pid(), labels.get(RunIdentity.OWNER));
    }

    @Test
    void onlyAGoneProcessOnThisHostIsDead() {
        assertFalse(me.isDeadOwner(me.host() + ":" + me.pid()), "this run is alive");
        assertFalse(me.isDeadOwner("another-host:1"), "other hosts are not ours to judge");
        assertFalse(me.isDeadOwner(null));
        assertFalse(me.isDeadOwner("garbage"));
        assertTrue(me.isDeadOwner(me.host() + ":" + Integer.MAX_VALUE), "no such pid");
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
        assertFalse(me.isDeadOwner(me.host() + ":" + parent), "a live process is not dead");
    }

    @Test
    void onlyAnotherRunsResourceWhoseProcessDiedIsLeftBehind() {
        String dead = me.host() + ":" + Integer.MAX_VALUE;
        assertTrue(me.leftBehind(java.util.Map.of(RunIdentity.RUN, "older-run", RunIdentity.OWNER, dead)));
        assertFalse(me.leftBehind(java.util.Map.of(RunIdentity.RUN, me.runId(), RunIdentity.OWNER, dead)),
                "this run's own resources are never collected");
        assertFalse(me.leftBehind(me.labels("web01")), "a live owner keeps its resources");
        assertFalse(me.leftBehind(java.util.Map.of()));
        assertFalse(me.leftBehind(null));
    }
}
