package org.zentoo.makeconf;

/** A flag one set turned on and a later set turned off. */
public record Conflict(String variable, String flag, Origin enabledBy, Origin disabledBy) {
    @Override
    public String toString() {
        return variable + ": '" + flag + "' is enabled by " + enabledBy + " and disabled by " + disabledBy;
    }
}
