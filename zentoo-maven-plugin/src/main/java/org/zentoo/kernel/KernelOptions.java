package org.zentoo.kernel;

import org.zentoo.config.ConfigException;
import org.zentoo.set.SetDefinition;
import org.zentoo.set.SetFiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel options a machine's stacked kernel.config fragments ask for. Like
 * merge_config.sh in kernel-build.eclass, a later fragment overrides an earlier
 * one; a set turning off what an earlier set turned on is a conflict worth seeing.
 */
public final class KernelOptions {

    private static final Pattern SET = Pattern.compile("^(CONFIG_[A-Za-z0-9_]+)=(.*)$");
    private static final Pattern UNSET = Pattern.compile("^# (CONFIG_[A-Za-z0-9_]+) is not set$");

    /** One option's effective value and where it came from. {@code n} stands for "is not set". */
    public record Option(String name, String value, String origin) {
    }

    /** A set turning off an option an earlier set turned on, at the later fragment's line. */
    public record Conflict(String file, int line, String text) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + text;
        }
    }

    private final Map<String, Option> options = new TreeMap<>();
    private final List<Conflict> conflicts = new ArrayList<>();

    private KernelOptions() {
    }

    /** Reads the fragments of a stack, first set first; fragments were checked when the sets were read. */
    public static KernelOptions of(List<SetDefinition> stack) {
        KernelOptions result = new KernelOptions();
        for (SetDefinition set : stack) {
            String text = set.text(SetFiles.KERNEL_CONFIG);
            if (text == null) {
                continue;
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                result.apply(lines[i].strip(), set.id(), set.file(SetFiles.KERNEL_CONFIG), i + 1);
            }
        }
        return result;
    }

    private void apply(String line, String setId, String file, int number) {
        Matcher set = SET.matcher(line);
        Matcher unset = UNSET.matcher(line);
        String name;
        String value;
        if (set.matches()) {
            name = set.group(1);
            value = set.group(2);
        } else if (unset.matches()) {
            name = unset.group(1);
            value = "n";
        } else {
            return;
        }
        Option earlier = options.get(name);
        if (earlier != null && !earlier.value().equals("n") && value.equals("n")) {
            conflicts.add(new Conflict(file, number, name + " is turned off by " + setId + " after "
                    + earlier.origin() + " set it to " + earlier.value()));
        }
        options.put(name, new Option(name, value, setId + " (" + file + ":" + number + ")"));
    }

    public List<Option> options() {
        return List.copyOf(options.values());
    }

    public List<Conflict> conflicts() {
        return List.copyOf(conflicts);
    }

    /** In strict mode a conflict is an error at the later fragment's line. */
    public void failOnConflict() throws ConfigException {
        if (!conflicts.isEmpty()) {
            Conflict c = conflicts.get(0);
            throw new ConfigException(c.file(), c.line(), c.text()
                    + " (zentoo.strict turns kernel option conflicts into errors)");
        }
    }
}
