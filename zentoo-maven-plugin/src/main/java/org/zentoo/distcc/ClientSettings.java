package org.zentoo.distcc;

import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.Mount;
import org.zentoo.step.ReproducibleBuild;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the build container needs to hand its compiles to the workers. Not
 * {@code FEATURES=distcc}: Portage records FEATURES in each package it builds (its
 * vdb entry, environment.bz2, hence the binpkg), so the stage would differ from
 * the one built without workers. Zentoo's Python hook for Portage does instead
 * what FEATURES=distcc does for the compiles, when {@link #SWITCH} is set: distcc's
 * masquerade directory first on the ebuild's PATH, so the compiler an ebuild calls
 * ({@code ${CHOST}-gcc}, as tc-getCC names it) runs distcc, and a DISTCC_DIR the
 * portage user can write. Portage passes DISTCC_* variables to every phase and
 * saves none of them.
 */
final class ClientSettings {

    /** The hook's switch (sitecustomize.py); a DISTCC_ name, so that Portage never records it. */
    static final String SWITCH = "DISTCC_ZENTOO_CLIENT";
    /** The ebuild's MAKEOPTS in a distcc build, which the hook sets (sitecustomize.py). */
    static final String MAKEOPTS = "DISTCC_ZENTOO_MAKEOPTS";
    /** Where distcc's client log appears inside the build container. */
    static final String LOG_PATH = "/var/log/zentoo-distcc.log";

    private ClientSettings() {
    }

    /**
     * Joins the workers' network, mounts the hook and sets its switch, names the
     * workers with their job limits, and gives the hook the make jobs for the
     * slots they offer ({@link #makeopts}). Not MAKEOPTS itself: Portage derives
     * the binpkg compressor's threads and GNUMAKEFLAGS from it and saves both in
     * environment.bz2. No localhost in DISTCC_HOSTS: the build container
     * preprocesses and links, and compiles only when a worker fails (distcc's
     * fallback).
     */
    static ContainerSpec apply(ContainerSpec spec, ReproducibleBuild hook, String network, List<Worker> workers,
                               int jobs, Path clientLog) {
        return hook.portageHook(spec).network(network)
                .env(SWITCH, "1")
                .env("DISTCC_HOSTS", hosts(workers, jobs))
                .env(MAKEOPTS, makeopts(workers.size(), jobs))
                .env("DISTCC_VERBOSE", "1")
                .env("DISTCC_LOG", LOG_PATH)
                .mount(Mount.bind(clientLog, LOG_PATH, false));
    }

    static String hosts(List<Worker> workers, int jobs) {
        return workers.stream().map(w -> w.host() + "/" + jobs).collect(Collectors.joining(" "));
    }

    /**
     * One make job per worker slot, and no load limit: Portage's GNUMAKEFLAGS
     * holds make to the load average of this host's CPUs, while the compiles run
     * on the workers.
     */
    static String makeopts(int workers, int jobs) {
        return "-j" + (workers * jobs) + " -l";
    }
}
