package org.zentoo.engine;

import java.util.Arrays;

/**
 * A file a job reads at {@code /run/secrets/<name>}: upload credentials, a signing
 * key. Its content never appears in {@link #toString()}, so it cannot leak into a
 * log or an exception message by accident.
 */
public record JobSecret(String name, byte[] content) {

    public JobSecret {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("\"" + name + "\" cannot name a secret file: use letters, digits, '.',"
                    + " '_' and '-', at most 64, starting with a letter or digit");
        }
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobSecret s && s.name.equals(name) && Arrays.equals(s.content, content);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "secret " + name + " (" + content.length + " bytes)";
    }
}
