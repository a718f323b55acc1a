package org.zentoo.boot;

import java.time.Duration;

/**
 * One test run at boot, as a JUnit test case: its name ({@code check/<file>} for a
 * built-in check, {@code boot/<file>} for a site's {@code tests/boot} script), whether
 * it passed, its exit status, what it printed and how long it ran.
 */
public record TestResult(String name, boolean passed, int exitCode, String output, Duration time) {
}
