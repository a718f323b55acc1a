package org.zentoo.step;

/**
 * The shared volumes, named by what makes their content differ, so every site on
 * a host reuses them. The prefix is {@code zentoo}; tests choose their own to stay
 * apart from a developer's real store.
 */
public record Volumes(String prefix) {

    public static final String DISTFILES_PATH = "/var/cache/distfiles";
    public static final String BINPKGS_PATH = "/var/cache/binpkgs";
    public static final String REPOS_PATH = "/var/db/repos";

    public static final Volumes DEFAULT = new Volumes("zentoo");

    public Volumes {
        if (!prefix.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw new IllegalArgumentException("volume prefix '" + prefix
                    + "' must start with a letter or digit and hold only letters, digits, '_', '.', '-'");
        }
    }

    public String distfiles() {
        return prefix + "-distfiles";
    }

    public String binpkgs() {
        return prefix + "-binpkgs";
    }

    /** A repository snapshot's volume, by the snapshot's own name for it. */
    public String repos(String snapshotName) {
        return prefix + "-repos-" + snapshotName;
    }

    /** PKGDIR of a binpkg partition inside the binpkgs volume. */
    public static String pkgdir(String partition) {
        return BINPKGS_PATH + "/" + partition;
    }
}
