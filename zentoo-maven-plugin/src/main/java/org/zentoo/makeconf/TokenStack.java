package org.zentoo.makeconf;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stacks {@code x}, {@code -x} and {@code -*} as Portage does for incrementals, and
 * remembers enough to write one value that gives Portage the same result when it
 * stacks that value over the profile: a {@code -*} stays in front so it still clears
 * the profile's defaults, and a {@code -x} stays even with no earlier {@code x} in the
 * stack because it may cancel a profile default.
 */
public final class TokenStack {

    private final String variable;
    private final boolean prefixWildcards;
    private Origin clearedBy;
    private final Map<String, Origin> prefixClears = new LinkedHashMap<>();
    private final Map<String, FlagState> flags = new LinkedHashMap<>();
    private final List<Conflict> conflicts = new ArrayList<>();

    /**
     * @param prefixWildcards whether {@code -prefix_*} clears every flag with that prefix (USE only)
     */
    public TokenStack(String variable, boolean prefixWildcards) {
        this.variable = variable;
        this.prefixWildcards = prefixWildcards;
    }

    public void apply(String token, Origin origin) {
        if (token.equals("-*")) {
            clearedBy = origin;
            prefixClears.clear();
            flags.clear();
        } else if (prefixWildcards && token.startsWith("-") && token.endsWith("_*")) {
            String prefix = token.substring(1, token.length() - 1);
            prefixClears.remove(prefix);
            prefixClears.put(prefix, origin);
            flags.keySet().removeIf(f -> f.startsWith(prefix));
        } else if (token.startsWith("-")) {
            set(token.substring(1), false, origin);
        } else {
            set(token, true, origin);
        }
    }

    private void set(String flag, boolean enabled, Origin origin) {
        FlagState before = flags.remove(flag);
        if (before != null && before.enabled() && !enabled && !before.origin().setId().equals(origin.setId())) {
            conflicts.add(new Conflict(variable, flag, before.origin(), origin));
        }
        flags.put(flag, new FlagState(flag, enabled, origin));
    }

    /** The tokens to write: {@code -*} first if the stack cleared, then prefix clears, then each flag's last state. */
    public List<String> tokens() {
        List<String> out = new ArrayList<>();
        if (clearedBy != null) {
            out.add("-*");
        }
        prefixClears.keySet().forEach(p -> out.add("-" + p + "*"));
        flags.values().forEach(f -> out.add(f.token()));
        return out;
    }

    public Origin clearedBy() {
        return clearedBy;
    }

    public Map<String, Origin> prefixClears() {
        return prefixClears;
    }

    public Collection<FlagState> flags() {
        return flags.values();
    }

    public List<Conflict> conflicts() {
        return conflicts;
    }

    /**
     * The flags left on when this stack is applied over {@code below} (what the
     * profile or an ebuild's IUSE defaults turn on), the way Portage stacks it.
     */
    public java.util.SortedSet<String> enabledOver(Collection<String> below) {
        java.util.TreeSet<String> on = new java.util.TreeSet<>();
        if (clearedBy == null) {
            on.addAll(below);
        }
        prefixClears.keySet().forEach(p -> on.removeIf(f -> f.startsWith(p)));
        for (FlagState f : flags.values()) {
            if (f.enabled()) {
                on.add(f.flag());
            } else {
                on.remove(f.flag());
            }
        }
        return on;
    }

    public TokenStack copy() {
        TokenStack c = new TokenStack(variable, prefixWildcards);
        c.clearedBy = clearedBy;
        c.prefixClears.putAll(prefixClears);
        c.flags.putAll(flags);
        return c;
    }
}
