package org.zentoo.makeconf;

/** What one set wrote for one variable, for the provenance block and explain. */
public record Contribution(String variable, String value, Origin origin) {
}
