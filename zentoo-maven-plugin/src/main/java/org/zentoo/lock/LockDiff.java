package org.zentoo.lock;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lines that differ between two locks, per machine: what a build that updates the
 * lock logs, and what {@code -Dzentoo.lock.frozen} refuses with.
 *
 * @param removed per machine, lines only the old lock has ({@code machine <id>} when the whole machine went)
 * @param added   per machine, lines only the new lock has
 */
public record LockDiff(Map<String, List<String>> removed, Map<String, List<String>> added) {

    public static LockDiff between(Lock before, Lock after) {
        Map<String, List<String>> removed = new TreeMap<>();
        Map<String, List<String>> added = new TreeMap<>();
        Set<String> ids = new TreeSet<>(before.machines().keySet());
        ids.addAll(after.machines().keySet());
        for (String id : ids) {
            Set<String> old = lines(before, id);
            Set<String> now = lines(after, id);
            List<String> gone = new ArrayList<>(old);
            gone.removeAll(now);
            List<String> came = new ArrayList<>(now);
            came.removeAll(old);
            if (!gone.isEmpty()) {
                removed.put(id, gone);
            }
            if (!came.isEmpty()) {
                added.put(id, came);
            }
        }
        return new LockDiff(removed, added);
    }

    private static Set<String> lines(Lock lock, String id) {
        Set<String> lines = new LinkedHashSet<>();
        lock.machine(id).ifPresent(m -> {
            lines.add("machine " + id);
            lines.addAll(m.lines());
        });
        return lines;
    }

    public boolean isEmpty() {
        return removed.isEmpty() && added.isEmpty();
    }

    /** The machines with any difference. */
    public Set<String> machines() {
        Set<String> ids = new TreeSet<>(removed.keySet());
        ids.addAll(added.keySet());
        return ids;
    }

    /** A diff-like listing of one machine: {@code - line} for removed, {@code + line} for added. */
    public List<String> describe(String machine) {
        List<String> out = new ArrayList<>();
        removed.getOrDefault(machine, List.of()).forEach(l -> out.add("- " + l));
        added.getOrDefault(machine, List.of()).forEach(l -> out.add("+ " + l));
        return out;
    }
}
