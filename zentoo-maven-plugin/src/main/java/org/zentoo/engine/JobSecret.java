package org.zentoo.engine;

import java.util.Arrays;

/**
 * A file a job reads at {@code path}, by default {@code /run/secrets/<name>}: upload
 * credentials, a signing key. Its content never appears in {@link #toString()}, so it
 * cannot leak into a log or an exception message by accident.
 *
 * @param path an absolute path in the container; Docker (20.10, {@code getSecretTargetPath})
 *             mounts a secret whose target is absolute there rather than below /run/secrets
 */
public record JobSecret(String name, byte[] content, String path) {

    public JobSecret {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("\"" + name + "\" cannot name a secret file: use letters, digits, '.',"
                    + " '_' and '-', at most 64, starting with a letter or digit");
        }
        if (!path.startsWith("/") || path.endsWith("/") || ("/" + path + "/").contains("/../")) {
            throw new IllegalArgumentException("secret " + name + " must be mounted at an absolute file path"
                    + " without '..', not \"" + path + "\"");
        }
        content = content.clone();
    }

    /** A secret at {@code /run/secrets/<name>}, where Swarm puts secrets by default. */
    public JobSecret(String name, byte[] content) {
        this(name, content, "/run/secrets/" + name);
    }

    /**
     * The secret's file as a Swarm task template names it: the plain name for the
     * default place, else the absolute path.
     */
    public String fileName() {
        return path.equals("/run/secrets/" + name) ? name : path;
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobSecret s && s.name.equals(name) && s.path.equals(path)
                && Arrays.equals(s.content, content);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "secret " + name + " at " + path + " (" + content.length + " bytes)";
    }
}
