package org.zentoo.makeconf;

/** Where a value or token came from: the set and the file:line inside the site. */
public record Origin(String setId, String file, int line) {
    @Override
    public String toString() {
        return setId + " (" + file + ":" + line + ")";
    }
}
