package org.zentoo.step;

import java.nio.file.Path;
import java.util.List;

/**
 * A container step ended with a non-zero exit. The message repeats the last lines
 * of its output and names the full log, so the user rarely needs to open it.
 */
public class StepFailedException extends Exception {

    private final String machine;
    private final String step;
    private final String summary;
    private final List<String> tail;
    private final Path log;

    public StepFailedException(String machine, String step, String summary, List<String> tail, Path log) {
        super("[" + machine + "] " + step + " failed: " + summary
                + (tail.isEmpty() ? "" : "\n  | " + String.join("\n  | ", tail))
                + "\nFull log: " + log);
        this.machine = machine;
        this.step = step;
        this.summary = summary;
        this.tail = List.copyOf(tail);
        this.log = log;
    }

    /** The same failure, with {@code note} (e.g. where its bug reports are) after the log's path. */
    public StepFailedException withNote(String note) {
        StepFailedException noted = new StepFailedException(machine, step, summary, tail, log, note);
        noted.initCause(this);
        return noted;
    }

    private StepFailedException(String machine, String step, String summary, List<String> tail, Path log,
                                String note) {
        super("[" + machine + "] " + step + " failed: " + summary
                + (tail.isEmpty() ? "" : "\n  | " + String.join("\n  | ", tail))
                + "\nFull log: " + log + "\n" + note);
        this.machine = machine;
        this.step = step;
        this.summary = summary;
        this.tail = List.copyOf(tail);
        this.log = log;
    }

    /** The same failure, with what it means for the user said first. */
    public StepFailedException explained(String meaning) {
        StepFailedException explained = new StepFailedException(machine, step, meaning + " (" + summary + ")", tail,
                log);
        explained.initCause(this);
        return explained;
    }
}
