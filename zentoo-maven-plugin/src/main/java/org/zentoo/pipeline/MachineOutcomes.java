package org.zentoo.pipeline;

import org.zentoo.step.MachineJob;

import java.time.Duration;
import java.time.Instant;

/** The rows every goal writes the same way for a machine's step. */
final class MachineOutcomes {

    private MachineOutcomes() {
    }

    /** A failed step: said on the machine's console line, and kept with its cause for the goal's mapping. */
    static Outcome failed(PipelineSettings.Console console, MachineJob job, Instant start, Exception e) {
        return failed(console, job.id(), job.partition(), start, e);
    }

    static Outcome failed(PipelineSettings.Console console, String machine, String partition, Instant start,
                          Exception e) {
        console.info(machine, "FAILED: " + e.getMessage());
        return Outcome.failed(machine, partition, since(start), e);
    }

    static Duration since(Instant start) {
        return Duration.between(start, Instant.now());
    }
}
