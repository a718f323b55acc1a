package org.zentoo.machine;

import org.zentoo.config.ConfigException;
import org.zentoo.config.ConfigProblems;
import org.zentoo.makeconf.Assignment;
import org.zentoo.makeconf.MakeConfParser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The keys of machine.conf, and site.conf which gives their defaults. */
public final class MachineKeys {

    public static final String PROFILE = "PROFILE";
    public static final String SEED = "SEED";
    public static final String KERNEL = "KERNEL";
    public static final String SNAPSHOT = "SNAPSHOT";
    public static final String USE_EXPAND_EXTRA = "USE_EXPAND_EXTRA";

    public static final List<String> MACHINE = List.of(PROFILE, SEED, KERNEL, SNAPSHOT);

    private MachineKeys() {
    }

    /**
     * Reads a machine.conf ({@code site} false) or site.conf ({@code site} true); unknown
     * keys are typos, so problems, recorded while the known keys are still returned.
     */
    public static Map<String, Assignment> read(String file, String text, boolean site, ConfigProblems problems)
            throws ConfigException {
        Set<String> allowed = site ? Set.of(PROFILE, SEED, KERNEL, SNAPSHOT, USE_EXPAND_EXTRA) : Set.copyOf(MACHINE);
        Map<String, Assignment> out = new LinkedHashMap<>();
        for (Assignment a : MakeConfParser.parse(file, text, Map.of())) {
            if (!allowed.contains(a.name())) {
                problems.add(new ConfigException(file, a.line(), "unknown key " + a.name() + ": expected one of "
                        + String.join(", ", allowed.stream().sorted().toList())
                        + (site ? "" : " (make.conf variables belong in the machine's make.conf)")));
                continue;
            }
            out.put(a.name(), a);
        }
        return out;
    }
}
