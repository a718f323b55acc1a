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
        console.info(job.id(), "FAILED: " + e.getMessage());
        return Outcome.failed(job.id(), job.partition(), since(start), e);
    }

    static Duration since(Instant start) {
        return Duration.between(start, Instant.now());
    }
}
