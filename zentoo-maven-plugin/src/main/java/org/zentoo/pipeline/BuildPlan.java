package org.zentoo.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which machines may build at the same time. Machines that share a binpkg
 * partition write into the same PKGDIR, so they build one after another, in the
 * order given; different partitions are independent lanes.
 */
public final class BuildPlan {

    private final Map<String, List<String>> lanes;

    private BuildPlan(Map<String, List<String>> lanes) {
        this.lanes = lanes;
    }

    /** @param partitionOfMachine machine id to partition key, in the site's machine order */
    public static BuildPlan of(Map<String, String> partitionOfMachine) {
        Map<String, List<String>> lanes = new LinkedHashMap<>();
        partitionOfMachine.forEach((machine, partition) ->
                lanes.computeIfAbsent(partition, p -> new ArrayList<>()).add(machine));
        return new BuildPlan(lanes);
    }

    /** Partition key to the machines that build into it, one after another. */
    public Map<String, List<String>> lanes() {
        return lanes;
    }
}
