package org.zentoo.distcc;

import java.util.Locale;

/**
 * How a build spreads its compiling: {@code workers} distcc workers (0 = none),
 * placed on this host ({@link Mode#LOCAL}) or by Docker Swarm ({@link Mode#SWARM}),
 * each taking {@code jobs} compile jobs at once. In Swarm mode the distcc image is
 * pushed to {@code registry} (a repository prefix such as
 * {@code registry.example:5000/zentoo}), so nodes other than this one can pull it;
 * null keeps it on this node only. A machine of another architecture than this
 * host's gets its workers from {@code crossImage}, a native image with distcc and
 * a cross-compiler for the machine's CHOST (null: none was named).
 */
public record DistccOptions(int workers, Mode mode, int jobs, String registry, String crossImage) {

    public enum Mode { LOCAL, SWARM }

    public static final DistccOptions OFF = new DistccOptions(0, Mode.LOCAL, 1, null, null);

    /** Docker's repository grammar, lower case: host[:port] and optional path components. */
    private static final String REPOSITORY = "[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*";

    public DistccOptions {
        if (workers < 0) {
            throw new IllegalArgumentException("zentoo.distcc.workers must be 0 (off) or more, not " + workers);
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("zentoo.distcc.jobs must be at least 1, not " + jobs);
        }
        if (registry != null && !registry.matches(REPOSITORY)) {
            throw new IllegalArgumentException("zentoo.distcc.registry must be a registry host with an optional"
                    + " port and path, such as registry.example:5000/zentoo, not '" + registry + "'");
        }
    }

    /** Reads the user's words: mode is {@code local} or {@code swarm}, in any case. */
    public static DistccOptions of(int workers, String mode, int jobs) {
        return of(workers, mode, jobs, null);
    }

    /** As {@link #of(int, String, int)}; a blank registry is none, a trailing slash is dropped. */
    public static DistccOptions of(int workers, String mode, int jobs, String registry) {
        return of(workers, mode, jobs, registry, null);
    }

    /** As {@link #of(int, String, int, String)}, with the native image for cross workers; blank is none. */
    public static DistccOptions of(int workers, String mode, int jobs, String registry, String crossImage) {
        String m = mode == null ? "local" : mode.strip().toLowerCase(Locale.ROOT);
        String r = registry == null || registry.isBlank() ? null : registry.strip().replaceAll("/+$", "");
        String c = crossImage == null || crossImage.isBlank() ? null : crossImage.strip();
        return switch (m) {
            case "local" -> new DistccOptions(workers, Mode.LOCAL, jobs, r, c);
            case "swarm" -> new DistccOptions(workers, Mode.SWARM, jobs, r, c);
            default -> throw new IllegalArgumentException(
                    "zentoo.distcc.mode must be local or swarm, not '" + mode + "'");
        };
    }

    public boolean enabled() {
        return workers > 0;
    }
}
