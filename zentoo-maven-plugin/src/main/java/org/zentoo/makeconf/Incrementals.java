package org.zentoo.makeconf;

import java.util.Set;

/**
 * Portage's incremental variables (lib/portage/const.py INCREMENTALS, plus the three
 * that config.regenerate() stacks lazily). USE and the USE_EXPAND variables are not
 * listed here: they stack together, see {@link UseStack}.
 */
public final class Incrementals {

    /** Stacked as a set of tokens: {@code -x} removes x, {@code -*} removes everything before it. */
    public static final Set<String> TOKEN_SETS = Set.of(
            "ACCEPT_KEYWORDS", "CONFIG_PROTECT", "CONFIG_PROTECT_MASK", "ENV_UNSET", "FEATURES",
            "IUSE_IMPLICIT", "PRELINK_PATH", "PRELINK_PATH_MASK", "PROFILE_ONLY_VARIABLES",
            "USE_EXPAND", "USE_EXPAND_HIDDEN", "USE_EXPAND_IMPLICIT", "USE_EXPAND_UNPREFIXED");

    /**
     * Stacked as an ordered list that Portage prunes at the last {@code *} or {@code -*}:
     * order matters here because license groups and {@code -@EULA} apply in sequence.
     */
    public static final Set<String> ORDERED_LISTS = Set.of("ACCEPT_LICENSE", "ACCEPT_PROPERTIES", "ACCEPT_RESTRICT");

    private Incrementals() {
    }

    public static boolean isIncremental(String name, UseExpand useExpand) {
        return name.equals("USE") || useExpand.contains(name) || TOKEN_SETS.contains(name) || ORDERED_LISTS.contains(name);
    }
}
