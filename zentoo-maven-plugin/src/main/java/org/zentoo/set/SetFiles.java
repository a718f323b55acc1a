package org.zentoo.set;

import java.util.List;
import java.util.Set;

/** The names a set directory may hold; they mirror /etc/portage so a Gentoo user knows them already. */
public final class SetFiles {

    public static final String PARENT = "parent";
    public static final String PACKAGES = "packages";
    public static final String MAKE_CONF = "make.conf";
    public static final String REPOS_CONF = "repos.conf";
    public static final String KERNEL_CONFIG = "kernel.config";
    public static final String SERVICES = "services";
    public static final String MACHINE_CONF = "machine.conf";
    public static final String ENV = "env";
    public static final String PATCHES = "patches";
    public static final String OVERLAY = "overlay";
    /** Executable scripts zentoo:test runs in the stage; {@code tests/boot/} at boot. Stacked like overlay/. */
    public static final String TESTS = "tests";

    /** In the order the renderer writes them; each becomes a directory of numbered per-set files. */
    public static final List<String> PACKAGE_FILES = List.of(
            "package.use", "package.accept_keywords", "package.mask", "package.unmask",
            "package.license", "package.env", "package.accept_restrict");

    public static final Set<String> DIRECTORIES = Set.of(ENV, PATCHES, OVERLAY, TESTS);

    private static final Set<String> PLAIN = Set.of(PARENT, PACKAGES, MAKE_CONF, REPOS_CONF, KERNEL_CONFIG, SERVICES);

    private SetFiles() {
    }

    /**
     * Every name a set (or, with {@code machine}, a machine) directory may hold, in the
     * order config/README.md lists them, directories with a trailing {@code /}: the
     * list an unknown-file message shows, so it is built from the same constants the
     * reader accepts and cannot leave one out.
     */
    public static java.util.List<String> validNames(boolean machine) {
        java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of(PARENT, PACKAGES, MAKE_CONF));
        names.addAll(PACKAGE_FILES);
        names.addAll(java.util.List.of(REPOS_CONF, KERNEL_CONFIG, SERVICES));
        if (machine) {
            names.add(MACHINE_CONF);
        }
        java.util.List.of(ENV, PATCHES, OVERLAY, TESTS).forEach(d -> names.add(d + "/"));
        return names;
    }

    public static boolean isKnownFile(String name, boolean machine) {
        return PLAIN.contains(name) || PACKAGE_FILES.contains(name) || (machine && name.equals(MACHINE_CONF))
                || name.equals("README.md") || name.equals("README");
    }
}
