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
    private PortageRefusal refusal;

    public StepFailedException(String machine, String step, String summary, List<String> tail, Path log) {
        this(machine, step, summary, tail, log, null);
    }

    private StepFailedException(String machine, String step, String summary, List<String> tail, Path log,
                                String note) {
        super("[" + machine + "] " + step + " failed: " + summary
                + (tail.isEmpty() ? "" : "\n  | " + String.join("\n  | ", tail))
                + "\nFull log: " + log + (note == null ? "" : "\n" + note));
        this.machine = machine;
        this.step = step;
        this.summary = summary;
        this.tail = List.copyOf(tail);
        this.log = log;
    }

    /** The same failure, with {@code note} (e.g. where its bug reports are) after the log's path. */
    public StepFailedException withNote(String note) {
        StepFailedException noted = new StepFailedException(machine, step, summary, tail, log, note);
        noted.refusal = refusal;
        noted.initCause(this);
        return noted;
    }

    /**
     * The same failure as Portage's refusal of @world, before it compiled or
     * installed anything: its decisive lines instead of the log's last lines.
     */
    public StepFailedException refusedBy(PortageRefusal portage) {
        StepFailedException refused = new StepFailedException(machine, step, portage.summary(), List.of(), log);
        refused.refusal = portage;
        refused.initCause(this);
        return refused;
    }

    /** Portage's refusal when the step failed because of one, else null. */
    public PortageRefusal refusal() {
        return refusal;
    }

    /** The step's full log. */
    public Path log() {
        return log;
    }

    /** The same failure, with what it means for the user said first. */
    public StepFailedException explained(String meaning) {
        StepFailedException explained = new StepFailedException(machine, step, meaning + " (" + summary + ")", tail,
                log);
        explained.initCause(this);
        return explained;
    }
}
