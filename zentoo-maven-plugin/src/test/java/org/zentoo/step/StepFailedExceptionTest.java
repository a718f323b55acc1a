package org.zentoo.step;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class StepFailedExceptionTest {

    @Test
    void explainedSaysWhatItMeansFirstAndKeepsTheOutputAndLog() {
        StepFailedException step = new StepFailedException("web01", "kernel", "exit code 1",
                List.of("!!! no ebuilds to satisfy \"sys-kernel/x\""), Path.of("/logs/web01-kernel.log"));
        StepFailedException explained = step.explained("KERNEL=\"sys-kernel/x\" could not be built or installed");
        assertEquals("[web01] kernel failed: KERNEL=\"sys-kernel/x\" could not be built or installed (exit code 1)\n"
                + "  | !!! no ebuilds to satisfy \"sys-kernel/x\"\nFull log: /logs/web01-kernel.log",
                explained.getMessage());
        assertSame(step, explained.getCause());
    }
}
