package org.zentoo.machine;

import org.zentoo.set.SetDefinition;

import java.util.List;
import java.util.Map;

/**
 * A machine: its directory (itself a set, the top of its stack), its resolved stack and
 * its machine.conf keys with site.conf defaults applied.
 *
 * @param keyLines where each key was set, {@code config/site.conf:27} or the machine's
 *                 {@code machine.conf:N}, so that a problem found later (a bad PROFILE
 *                 repository, a seed that is nowhere) names the line to fix
 */
public record Machine(String id, SetDefinition definition, List<SetDefinition> stack, Map<String, String> keys,
                      Map<String, KeyLine> keyLines) {

    /** Where a machine key is assigned. */
    public record KeyLine(String file, int line) {
        @Override
        public String toString() {
            return org.zentoo.config.ConfigException.where(file, line);
        }
    }

    public Machine(String id, SetDefinition definition, List<SetDefinition> stack, Map<String, String> keys) {
        this(id, definition, stack, keys, Map.of());
    }

    /** Where a key is assigned; the machine's machine.conf (line 0) when not known. */
    public KeyLine keyLine(String key) {
        KeyLine line = keyLines.get(key);
        if (line != null) {
            return line;
        }
        return new KeyLine(definition == null ? "machine " + id : definition.file(org.zentoo.set.SetFiles.MACHINE_CONF), 0);
    }

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
