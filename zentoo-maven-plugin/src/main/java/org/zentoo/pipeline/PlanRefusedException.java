package org.zentoo.pipeline;

/**
 * Portage refuses what a machine's config asks for (a REQUIRED_USE it breaks, a
 * masked package), or under zentoo.strict the site asks for a flag the profile
 * masks or forces the other way: the user's config must change, found before
 * anything compiles.
 */
public final class PlanRefusedException extends Exception {

    public PlanRefusedException(String machine, String message) {
        super("[" + machine + "] " + message);
    }
}
