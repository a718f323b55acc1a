package org.zentoo.lock;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The whole {@code zentoo.lock}: one {@link MachineLock} per machine id, sorted by id. */
public record Lock(Map<String, MachineLock> machines) {

    public static final Lock EMPTY = new Lock(Map.of());

    public Lock {
        machines = Collections.unmodifiableMap(new TreeMap<>(machines));
    }

    public Optional<MachineLock> machine(String id) {
        return Optional.ofNullable(machines.get(id));
    }

    /** This lock with {@code machine}'s record replaced or added. */
    public Lock with(MachineLock machine) {
        Map<String, MachineLock> next = new TreeMap<>(machines);
        next.put(machine.machine(), machine);
        return new Lock(next);
    }

    /** This lock without the machines not in {@code keep}: entries of machines the site no longer has. */
    public Lock retainOnly(Set<String> keep) {
        Map<String, MachineLock> next = new TreeMap<>(machines);
        next.keySet().retainAll(keep);
        return new Lock(next);
    }

    /** The SHA-256 of every binpkg instance any machine is locked to: what a store GC must keep. */
    public Set<String> instances() {
        Set<String> all = new TreeSet<>();
        for (MachineLock m : machines.values()) {
            m.packages().values().forEach(p -> all.add(p.instanceSha256()));
        }
        return all;
    }
}
