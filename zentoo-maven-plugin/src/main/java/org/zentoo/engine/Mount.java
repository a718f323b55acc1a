package org.zentoo.engine;

import java.nio.file.Path;

/** A bind mount of a host path or a named volume, as a container sees it. */
public record Mount(Kind kind, String source, String target, boolean readOnly) {

    public enum Kind { BIND, VOLUME }

    public static Mount bind(Path hostPath, String target, boolean readOnly) {
        return new Mount(Kind.BIND, hostPath.toAbsolutePath().toString(), target, readOnly);
    }

    public static Mount volume(String name, String target, boolean readOnly) {
        return new Mount(Kind.VOLUME, name, target, readOnly);
    }
}
