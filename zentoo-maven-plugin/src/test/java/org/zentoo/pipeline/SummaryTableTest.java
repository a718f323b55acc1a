package org.zentoo.pipeline;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SummaryTableTest {

    @Test
    void alignsColumnsAndEndsEachMachineOnOneLine() {
        List<String> lines = SummaryTable.format("build", List.of(
                new Outcome("web01", "x86_64-pc-linux-gnu-1", Outcome.Result.OK, "3 compiled, 0 reused", Duration.ofSeconds(11)),
                new Outcome("zentoo/minimal", "p2", Outcome.Result.FAILED, "exit code 1", Duration.ofSeconds(2))));
        assertEquals("zentoo:build summary", lines.get(0));
        assertEquals("machine         partition              result  time  detail", lines.get(1));
        assertEquals("web01           x86_64-pc-linux-gnu-1  OK      11s   3 compiled, 0 reused", lines.get(3));
        assertEquals("zentoo/minimal  p2                     FAILED  2s    exit code 1", lines.get(4));
    }
}
