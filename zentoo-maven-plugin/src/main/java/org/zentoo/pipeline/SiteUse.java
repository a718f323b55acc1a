package org.zentoo.pipeline;

import java.util.List;

/**
 * What the site's sets say about a machine's packages, for messages that name
 * the set line a user has to change. The plugin answers from config/ (the
 * site model never reaches the pipeline); {@link #NONE} knows no set lines.
 */
@FunctionalInterface
public interface SiteUse {

    /** No set lines known: messages then say only what Portage decided. */
    SiteUse NONE = (machine, cp, flag) -> null;

    /**
     * The set line that last turned {@code flag} on or off for the package
     * {@code cp} ({@code cat/pkg}) on {@code machine}, or null when no set
     * mentions it.
     */
    Decided decided(String machine, String cp, String flag);

    /**
     * explain.py's answer for a machine mapped onto config/ (each flag with the set
     * line that decides it), as zentoo:explain writes its JSON; null keeps Portage's
     * answer, whose origins name the rendered /etc/portage files.
     */
    default String explainJson(String machine, String portageAnswer) {
        return null;
    }

    /**
     * The set lines ({@code config/sets/…/packages:LINE}) that put a package into
     * the machine's @world, the package as Portage names it (an atom, or
     * {@code cat/pkg-ver::repo}); empty when none does.
     */
    default List<String> worldLines(String machine, String named) {
        return List.of();
    }

    /**
     * The set file and line ({@code config/sets/…/package.mask:LINE}) behind a line
     * of the machine's rendered {@code /etc/portage/package.*} files; {@code line} 0
     * when Portage named only the file, which then gives the set's file alone. Null
     * for any other file.
     */
    default String renderedLine(String machine, String file, int line) {
        return null;
    }

    /** A flag a set turns on or off, at {@code origin} ({@code config/sets/…:LINE}). */
    record Decided(boolean enabled, String origin) {
    }
}
