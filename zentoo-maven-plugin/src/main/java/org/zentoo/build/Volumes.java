package org.zentoo.build;

/**
 * The shared volumes, named by what makes their content differ, so every site on
 * a host reuses them.
 */
public final class Volumes {

    public static final String DISTFILES = "zentoo-distfiles";
    public static final String BINPKGS = "zentoo-binpkgs";

    public static final String DISTFILES_PATH = "/var/cache/distfiles";
    public static final String BINPKGS_PATH = "/var/cache/binpkgs";
    public static final String REPOS_PATH = "/var/db/repos";

    private Volumes() {
    }

    /** PKGDIR of a binpkg partition inside the binpkgs volume. */
    public static String pkgdir(String partition) {
        return BINPKGS_PATH + "/" + partition;
    }
}
