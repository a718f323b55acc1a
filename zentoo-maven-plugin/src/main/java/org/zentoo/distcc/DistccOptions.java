package org.zentoo.distcc;

import java.util.Locale;

/**
 * How a build spreads its compiling: {@code workers} distcc workers (0 = none),
 * placed on this host ({@link Mode#LOCAL}) or by Docker Swarm ({@link Mode#SWARM}),
 * each taking {@code jobs} compile jobs at once.
 */
public record DistccOptions(int workers, Mode mode, int jobs) {

    public enum Mode { LOCAL, SWARM }

    public static final DistccOptions OFF = new DistccOptions(0, Mode.LOCAL, 1);

    public DistccOptions {
        if (workers < 0) {
            throw new IllegalArgumentException("zentoo.distcc.workers must be 0 (off) or more, not " + workers);
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("zentoo.distcc.jobs must be at least 1, not " + jobs);
        }
    }

    /** Reads the user's words: mode is {@code local} or {@code swarm}, in any case. */
    public static DistccOptions of(int workers, String mode, int jobs) {
        String m = mode == null ? "local" : mode.strip().toLowerCase(Locale.ROOT);
        return switch (m) {
            case "local" -> new DistccOptions(workers, Mode.LOCAL, jobs);
            case "swarm" -> new DistccOptions(workers, Mode.SWARM, jobs);
            default -> throw new IllegalArgumentException(
                    "zentoo.distcc.mode must be local or swarm, not '" + mode + "'");
        };
    }

    public boolean enabled() {
        return workers > 0;
    }
}
