package org.zentoo.pipeline;

/**
 * What the site's sets say about one flag of one package, for messages that
 * name the set line a user has to change. The plugin answers from config/ (the
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

    /** A flag a set turns on or off, at {@code origin} ({@code config/sets/…:LINE}). */
    record Decided(boolean enabled, String origin) {
    }
}
