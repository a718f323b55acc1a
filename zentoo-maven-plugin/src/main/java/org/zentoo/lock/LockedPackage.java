package org.zentoo.lock;

import java.util.List;
import java.util.Objects;

/**
 * One installed package of a locked machine: {@code cat/pkg-ver[-rN]::repo}, the USE it
 * was installed with (IUSE flags, disabled ones with {@code -}, in IUSE order) and the
 * SHA-256 of the binpkg instance file it came from.
 */
public record LockedPackage(String cpvr, String repo, String instanceSha256, List<String> use) {

    public LockedPackage {
        Objects.requireNonNull(cpvr, "cpvr");
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(instanceSha256, "instanceSha256");
        use = List.copyOf(use);
    }

    /** {@code cat/pkg}, without the version: what a change list pairs old and new versions by. */
    public String cp() {
        return cp(cpvr);
    }

    /** {@code cat/pkg} of any {@code cat/pkg-ver[-rN]}. */
    public static String cp(String cpvr) {
        var m = LockFile.CPVR.matcher(cpvr);
        if (!m.matches()) {
            throw new IllegalStateException("not a cat/pkg-ver: " + cpvr);
        }
        return m.group(1);
    }

    /** {@code ver[-rN]}: the part of {@link #cpvr()} after {@link #cp()}. */
    public String version() {
        return cpvr.substring(cp().length() + 1);
    }

    /** The line as {@code zentoo.lock} holds it, without indentation. */
    String line() {
        return "package " + cpvr + "::" + repo + " sha256:" + instanceSha256 + " USE=\"" + String.join(" ", use) + "\"";
    }
}
