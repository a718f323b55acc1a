package org.zentoo.site;

import org.zentoo.config.ConfigException;
import org.zentoo.machine.Machine;
import org.zentoo.makeconf.UseExpand;
import org.zentoo.set.SetDefinition;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A site's config/ directory, fully read and checked: every set, every machine with its
 * stack. Loading reads on past a problem and then fails with all of them, so nothing is
 * rendered from a broken site and the user sees every mistake in one run.
 *
 * @param name     how the user names the directory in messages ({@code config})
 * @param warnings things that are probably mistakes but do not stop the build
 */
public record Site(
        Path directory,
        String name,
        Map<String, SetDefinition> sets,
        Map<String, Machine> machines,
        UseExpand useExpand,
        List<String> warnings) {

    /** The shipped examples live under machines/zentoo/; they are not built unless asked for. */
    public static final String SHIPPED = "zentoo";

    public static Site load(Path configDirectory) throws ConfigException {
        return SiteLoader.load(configDirectory, false);
    }

    /** @param strict an unknown file in a set is an error, not a warning ({@code -Dzentoo.strict}) */
    public static Site load(Path configDirectory, boolean strict) throws ConfigException {
        return SiteLoader.load(configDirectory, strict);
    }

    public Machine machine(String id) throws ConfigException {
        Machine m = machines.get(id);
        if (m == null) {
            throw new ConfigException(name + "/machines/" + id, 0, "unknown machine '" + id + "': expected one of "
                    + String.join(", ", machines.keySet()));
        }
        return m;
    }

    /** The machines named, in that order; none named means {@link #defaultMachines()}. */
    public List<Machine> select(List<String> ids) throws ConfigException {
        List<Machine> selected = new java.util.ArrayList<>();
        for (String id : ids.isEmpty() ? defaultMachines() : ids) {
            selected.add(machine(id));
        }
        return selected;
    }

    /** Every machine outside machines/zentoo/. */
    public List<String> defaultMachines() {
        return machines.keySet().stream().filter(id -> !id.startsWith(SHIPPED + "/")).toList();
    }
}
