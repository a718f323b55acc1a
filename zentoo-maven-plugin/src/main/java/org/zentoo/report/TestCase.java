package org.zentoo.report;

import java.time.Duration;
import java.util.List;

/**
 * One test of a machine: a built-in check ({@code classname} {@code <machine>.checks}),
 * a site script ({@code <machine>.tests}) or the boot.
 *
 * @param message why it failed or was skipped; null when it passed
 * @param output  everything it printed, line by line
 */
public record TestCase(String classname, String name, Status status, Duration time, String message,
                       List<String> output) {

    /** How a test ended, in JUnit's words. */
    public enum Status {
        PASSED, FAILED, ERROR, SKIPPED
    }

    public TestCase {
        output = List.copyOf(output);
    }

    public boolean failed() {
        return status == Status.FAILED || status == Status.ERROR;
    }

    /** The last {@code lines} lines of its output. */
    public List<String> tail(int lines) {
        return output.subList(Math.max(0, output.size() - lines), output.size());
    }
}
