package org.zentoo.pipeline;

import java.time.Duration;

/**
 * One row of the summary table: what happened to one machine in one goal.
 *
 * @param cause what made a {@link Result#FAILED} outcome fail, so that the goal
 *              maps it as it maps the same exception raised anywhere else; null otherwise
 */
public record Outcome(String machine, String partition, Result result, String detail, Duration time,
                      Exception cause) {

    /** How a machine's step ended. */
    public enum Result {
        /** The step ran and made what it should. */
        OK,
        /** Inputs as in the last run: nothing ran, the last files stand. */
        UNCHANGED,
        /** The step ran and failed; {@link #cause()} says why. */
        FAILED,
        /** Nothing to do for this machine (e.g. no KERNEL). */
        SKIPPED
    }

    public Outcome(String machine, String partition, Result result, String detail, Duration time) {
        this(machine, partition, result, detail, time, null);
    }

    public static Outcome failed(String machine, String partition, Duration time, Exception cause) {
        return new Outcome(machine, partition, Result.FAILED, cause.getMessage(), time, cause);
    }

    public boolean failed() {
        return result == Result.FAILED;
    }

    /** What the step made is current: attach it. */
    public boolean produced() {
        return result == Result.OK || result == Result.UNCHANGED;
    }
}
