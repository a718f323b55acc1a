package org.zentoo.pipeline;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BuildPlanTest {

    @Test
    void machinesOfOnePartitionShareALaneInSiteOrder() {
        Map<String, String> partitions = new LinkedHashMap<>();
        partitions.put("alt01", "x86_64-zentoo-linux-gnu-aaa");
        partitions.put("web01", "x86_64-pc-linux-gnu-bbb");
        partitions.put("db01", "x86_64-pc-linux-gnu-ccc");
        partitions.put("web02", "x86_64-pc-linux-gnu-bbb");
        BuildPlan plan = BuildPlan.of(partitions);
        assertEquals(List.of("x86_64-zentoo-linux-gnu-aaa", "x86_64-pc-linux-gnu-bbb", "x86_64-pc-linux-gnu-ccc"),
                List.copyOf(plan.lanes().keySet()));
        assertEquals(List.of("web01", "web02"), plan.lanes().get("x86_64-pc-linux-gnu-bbb"));
    }
}
