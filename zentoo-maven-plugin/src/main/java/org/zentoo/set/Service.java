package org.zentoo.set;

/**
 * {@code NAME [RUNLEVEL]} from a set's {@code services}; runlevel null means the init
 * system's default. {@code -NAME} takes back a service an earlier set enabled, as
 * {@code -ATOM} does in packages.
 */
public record Service(String name, String runlevel, boolean removal, int line) {
}
