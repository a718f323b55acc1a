package org.zentoo.pipeline;

import org.zentoo.json.Json;

import org.zentoo.step.PlanReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plans of a site's machines together: a compile is unique to the site by
 * (partition, package, USE), since machines of one partition share the binpkg
 * the first of them makes.
 */
public record SitePlan(List<MachinePlan> machines) {

    /** Compiles over the site, the same (partition, package version, USE) counted once. */
    public int uniqueCompiles() {
        Set<String> unique = new LinkedHashSet<>();
        for (MachinePlan m : machines) {
            for (PlanReport.Planned p : m.report().compiled()) {
                unique.add(m.partition() + "\u0000" + p.cpv() + "\u0000" + String.join(" ", p.use()));
            }
        }
        return unique.size();
    }

    /** Compiles summed over machines, as if none shared a binpkg. */
    public int compilesOverMachines() {
        return machines.stream().mapToInt(m -> m.report().compiled().size()).sum();
    }

    /** Machines by partition, in the order they were planned. */
    public Map<String, List<String>> partitions() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        machines.forEach(m -> out.computeIfAbsent(m.partition(), p -> new ArrayList<>()).add(m.machine()));
        return out;
    }

    public List<String> summary() {
        List<String> out = new ArrayList<>();
        out.add("Site plan: " + uniqueCompiles() + " unique compiles (" + compilesOverMachines()
                + " summed over " + machines.size() + " machines)");
        partitions().forEach((partition, ids) -> {
            SitePlan lane = new SitePlan(machines.stream().filter(m -> m.partition().equals(partition)).toList());
            out.add("  partition " + partition + ": " + String.join(", ", ids) + " -- " + lane.uniqueCompiles()
                    + " unique compiles");
        });
        return out;
    }

    /** target/zentoo/plan.json. */
    public String json() {
        StringBuilder j = new StringBuilder("{\n  \"uniqueCompiles\": ").append(uniqueCompiles())
                .append(",\n  \"compilesOverMachines\": ").append(compilesOverMachines())
                .append(",\n  \"partitions\": {");
        String sep = "";
        for (Map.Entry<String, List<String>> e : partitions().entrySet()) {
            j.append(sep).append("\n    ").append(str(e.getKey())).append(": ").append(strings(e.getValue()));
            sep = ",";
        }
        j.append("\n  },\n  \"machines\": [");
        sep = "";
        for (MachinePlan m : machines) {
            j.append(sep).append("\n    {\"machine\": ").append(str(m.machine()))
                    .append(", \"partition\": ").append(str(m.partition()))
                    .append(", \"platform\": ").append(str(m.platform()))
                    .append(",\n     \"compile\": ").append(packages(m.report().compiled()))
                    .append(",\n     \"reuse\": ").append(packages(m.report().reused()))
                    .append(",\n     \"profileFlags\": [");
            String s2 = "";
            for (PlanReport.ProfileFlag f : m.report().profileFlags()) {
                j.append(s2).append("{\"package\": ").append(str(f.cpv())).append(", \"flag\": ").append(str(f.flag()))
                        .append(", \"state\": ").append(str(f.masked() ? "masked" : "forced"))
                        .append(", \"profileFile\": ").append(str(f.profileFile())).append('}');
                s2 = ", ";
            }
            j.append("],\n     \"refusals\": ").append(strings(m.refusals(SiteUse.NONE))).append('}');
            sep = ",";
        }
        return j.append("\n  ]\n}\n").toString();
    }

    private static String packages(List<PlanReport.Planned> list) {
        StringBuilder j = new StringBuilder("[");
        String sep = "";
        for (PlanReport.Planned p : list) {
            j.append(sep).append("{\"package\": ").append(str(p.cpv())).append(", \"repository\": ")
                    .append(str(p.repository())).append(", \"use\": ").append(strings(p.use()))
                    .append(", \"reason\": ").append(str(p.reason().name().toLowerCase().replace('_', '-')))
                    .append(", \"detail\": ").append(str(p.detail())).append('}');
            sep = ", ";
        }
        return j.append(']').toString();
    }

    private static String strings(List<String> list) {
        return "[" + String.join(", ", list.stream().map(SitePlan::str).toList()) + "]";
    }

    static String str(String s) {
        return Json.quoted(s);
    }
}
