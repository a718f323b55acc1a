package org.zentoo.engine;

import java.time.Duration;

/**
 * A line, once a minute, about a Swarm job that has not ended: its task's output
 * arrives only when it ends, and a task Swarm cannot place waits without end. So
 * the line says where the task is and, while it waits, Swarm's own reason.
 */
final class JobProgress {

    static final Duration EVERY = Duration.ofMinutes(1);

    private JobProgress() {
    }

    /**
     * @param state   the task's state as Swarm names it (pending, running, ...); null: no task yet
     * @param node    the node it was given; null: none yet
     * @param message Swarm's status message or error, e.g. why no node suits it
     */
    static String line(String machine, Duration elapsed, String state, String node, String message) {
        String where = state == null ? "no task yet"
                : "running".equals(state) ? "running on node " + node
                : state + (node == null ? "" : " on node " + node);
        String why = message == null || message.isBlank() || "running".equals(state) ? "" : ": " + message.strip();
        String hint = node == null && state != null && !"running".equals(state)
                ? " (no node yet: check zentoo.swarm.constraints and the platform against docker node ls)" : "";
        return "[" + machine + "] Swarm job " + where + why + ", " + elapsed.toMinutes() + " min" + hint;
    }
}
