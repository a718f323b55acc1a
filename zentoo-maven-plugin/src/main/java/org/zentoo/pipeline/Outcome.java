package org.zentoo.pipeline;

import java.time.Duration;

/** One row of the summary table: what happened to one machine in one goal. */
public record Outcome(String machine, String partition, String result, String detail, Duration time) {

    public boolean failed() {
        return result.equals("FAILED");
    }
}
