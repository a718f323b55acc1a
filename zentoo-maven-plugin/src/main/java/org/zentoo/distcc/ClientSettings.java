package org.zentoo.distcc;

import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.Mount;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the build container needs to hand its compiles to the workers. Portage
 * does the rest: FEATURES=distcc puts distcc's masquerade directory first on PATH
 * in the ebuild environment, so the compiler an ebuild calls ({@code ${CHOST}-gcc}, as tc-getCC names it) runs distcc.
 */
final class ClientSettings {

    /** Where distcc's client log appears inside the build container. */
    static final String LOG_PATH = "/var/log/zentoo-distcc.log";

    private ClientSettings() {
    }

    /**
     * Joins the workers' network, adds {@code distcc} to the container's FEATURES
     * (incremental over make.conf), names the workers with their job limits, and
     * sizes MAKEOPTS to the slots they offer. No localhost in DISTCC_HOSTS: the
     * build container preprocesses and links, and compiles only when a worker
     * fails (distcc's fallback).
     */
    static ContainerSpec apply(ContainerSpec spec, String network, List<Worker> workers, int jobs, Path clientLog) {
        String features = spec.env().getOrDefault("FEATURES", "");
        return spec.network(network)
                .env("FEATURES", (features + " distcc").strip())
                .env("DISTCC_HOSTS", hosts(workers, jobs))
                .env("MAKEOPTS", makeopts(workers.size(), jobs))
                .env("DISTCC_VERBOSE", "1")
                .env("DISTCC_LOG", LOG_PATH)
                .mount(Mount.bind(clientLog, LOG_PATH, false));
    }

    static String hosts(List<Worker> workers, int jobs) {
        return workers.stream().map(w -> w.host() + "/" + jobs).collect(Collectors.joining(" "));
    }

    static String makeopts(int workers, int jobs) {
        return "-j" + (workers * jobs);
    }
}
