package org.zentoo.build;

import java.nio.file.Path;
import java.util.List;

/**
 * A container step ended with a non-zero exit. The message repeats the last lines
 * of its output and names the full log, so the user rarely needs to open it.
 */
public class StepFailedException extends Exception {

    public StepFailedException(String machine, String step, String summary, List<String> tail, Path log) {
        super("[" + machine + "] " + step + " failed: " + summary
                + (tail.isEmpty() ? "" : "\n  | " + String.join("\n  | ", tail))
                + "\nFull log: " + log);
    }
}
