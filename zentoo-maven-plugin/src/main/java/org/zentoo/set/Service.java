package org.zentoo.set;

/** {@code NAME [RUNLEVEL]} from a set's {@code services}; runlevel null means the init system's default. */
public record Service(String name, String runlevel, int line) {
}
