package org.zentoo.distcc;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void eachWorkersGccIsComparedWithTheBuilds() {
        WorkerProbe.Result r = WorkerProbe.parse(List.of(
                "zentoo-distcc gcc local GCC: (Debian 12.2.0-14+deb12u1) 12.2.0",
                "zentoo-distcc gcc w1 GCC: (Debian 12.2.0-14) 12.2.0",
                "zentoo-distcc up w1 w1",
                "zentoo-distcc gcc w2 GCC: (Debian 13.2.0-25) 13.2.0",
                "zentoo-distcc up w2 w2"), 2);
        assertEquals("12.2.0", r.local().version());
        List<String> refused = r.refusals("arm01", "aarch64-unknown-linux-gnu-gcc");
        assertEquals(1, refused.size(), refused.toString());
        assertTrue(refused.get(0).startsWith("distcc worker w2 compiles aarch64-unknown-linux-gnu-gcc with gcc 13.2.0"),
                refused.get(0));
    }
}
