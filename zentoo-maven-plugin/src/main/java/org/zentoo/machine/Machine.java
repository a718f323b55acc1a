package org.zentoo.machine;

import org.zentoo.set.SetDefinition;

import java.util.List;
import java.util.Map;

/**
 * A machine: its directory (itself a set, the top of its stack), its resolved stack and
 * its machine.conf keys with site.conf defaults applied.
 */
public record Machine(String id, SetDefinition definition, List<SetDefinition> stack, Map<String, String> keys) {

    public String profile() {
        return keys.get(MachineKeys.PROFILE);
    }

    public String seed() {
        return keys.get(MachineKeys.SEED);
    }

    /** Empty when the machine has no kernel artifact. */
    public String kernel() {
        return keys.getOrDefault(MachineKeys.KERNEL, "");
    }

    public String snapshot() {
        return keys.getOrDefault(MachineKeys.SNAPSHOT, "");
    }

    /** The id as it appears in artifact classifiers: {@code zentoo/minimal} becomes {@code zentoo-minimal}. */
    public String classifierId() {
        return classifierId(id);
    }

    public static String classifierId(String id) {
        return id.replace('/', '-');
    }
}
