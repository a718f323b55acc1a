package org.zentoo.distcc;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkerProbeTest {

    @Test
    void answeringWorkersKeepTheirNamesAndSilentOnesTheReason() {
        WorkerProbe.Result r = WorkerProbe.parse(List.of(
                "zentoo-distcc up zentoo-distcc-x-w1 zentoo-distcc-x-w1",
                "some noise",
                "zentoo-distcc down zentoo-distcc-x-w2 distcc[12] (dcc_connect_timeout) ERROR: timeout"), 2);
        assertEquals(List.of(new Worker("zentoo-distcc-x-w1", "zentoo-distcc-x-w1")), r.answering());
        assertEquals(List.of("zentoo-distcc-x-w2: distcc[12] (dcc_connect_timeout) ERROR: timeout"), r.silent());
    }

    @Test
    void swarmReplicasAreNamedByServiceAndSlot() {
        WorkerProbe.Result r = WorkerProbe.parse(List.of("zentoo-distcc up 10.0.1.5 svc.2"), 1);
        assertEquals("svc.2 (10.0.1.5)", r.answering().get(0).label());
    }

    @Test
    void replicasThatNeverAppearedAreReported() {
        WorkerProbe.Result r = WorkerProbe.parse(List.of("zentoo-distcc up 10.0.1.5 svc.1"), 3);
        assertEquals(List.of("2 of 3 workers never appeared on the network"), r.silent());
    }
}
