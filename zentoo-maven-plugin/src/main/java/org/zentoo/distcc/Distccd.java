package org.zentoo.distcc;

import java.util.List;

/** The distccd command line a worker runs. */
final class Distccd {

    static final int PORT = 3632;

    private Distccd() {
    }

    /**
     * In the foreground (the container's life is the daemon's), accepting only
     * {@code subnet}, which is the network Zentoo made for this build, and logging
     * every job to stderr so the container log says which jobs the worker ran.
     */
    static List<String> command(String subnet, int jobs) {
        return List.of("distccd", "--daemon", "--no-detach", "--allow", subnet, "--jobs", Integer.toString(jobs),
                "--log-stderr", "--log-level", "info");
    }

    /** A distccd log line for a finished compile job. */
    static boolean isCompletedJob(String line) {
        return line.contains("COMPILE_OK");
    }
}
