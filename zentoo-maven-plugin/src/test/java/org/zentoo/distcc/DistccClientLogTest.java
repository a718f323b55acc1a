package org.zentoo.distcc;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lines as distcc 3.4 writes them with DISTCC_VERBOSE=1 and DISTCC_LOG set. */
class DistccClientLogTest {

    @Test
    void countsCompilesPerWorkerAndLeavesLinksOut() {
        DistccReport r = DistccClientLog.parse(List.of(
                "distcc[173] exec on w1/2: x86_64-linux-gnu-gcc -O2 -pipe -c main.c -o main.o",
                "distcc[174] exec on w2/2: x86_64-linux-gnu-gcc -O2 -pipe -c unit1.c -o unit1.o",
                "distcc[175] exec on w1/2: x86_64-linux-gnu-gcc -O2 -pipe -c unit2.c -o unit2.o",
                "distcc[180] exec on localhost: x86_64-linux-gnu-gcc -o many-units main.o unit1.o unit2.o",
                "distcc[180] (dcc_note_state) note: ignored"));
        assertEquals(Map.of("w1", 2, "w2", 1), r.remote());
        assertEquals(0, r.local());
        assertEquals(Map.of(), r.failedRemote());
        assertEquals("distcc: 3 compile jobs remote (w1 2, w2 1), 0 local", r.summary());
    }

    @Test
    void aTryFollowedByAnErrorOfItsProcessCountsAsFailedAndTheRetryCounts() {
        DistccReport r = DistccClientLog.parse(List.of(
                "distcc[186] exec on w1/2: gcc -c a.c -o a.o",
                "distcc[190] exec on w2/2: gcc -c b.c -o b.o",
                "distcc[186] (dcc_readx) ERROR: unexpected eof on fd6",
                "distcc[186] (dcc_r_result_header) ERROR: server provided no answer.",
                "distcc[186] exec on w2/2: gcc -c a.c -o a.o",
                "distcc[191] exec on w1/2: gcc -c c.c -o c.o",
                "distcc[191] (dcc_connect_by_name) ERROR: failed to look up host \"w1\"",
                "distcc[191] exec on localhost: gcc -c c.c -o c.o"));
        assertEquals(Map.of("w2", 2), r.remote());
        assertEquals(1, r.local());
        assertEquals(Map.of("w1", 2), r.failedRemote());
    }

    @Test
    void hostOptionsAreNotPartOfTheWorkersName() {
        DistccReport r = DistccClientLog.parse(List.of("distcc[1] exec on 10.0.1.5/4,lzo: gcc -c x.c"));
        assertEquals(Map.of("10.0.1.5", 1), r.remote());
    }
}
