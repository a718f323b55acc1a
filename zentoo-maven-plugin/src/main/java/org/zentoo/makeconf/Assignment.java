package org.zentoo.makeconf;

/** {@code NAME="value"} at a line of a make.conf-syntax file, with the value already expanded. */
public record Assignment(String name, String value, int line) {
}
