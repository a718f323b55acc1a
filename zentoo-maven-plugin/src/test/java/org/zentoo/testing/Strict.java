package org.zentoo.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * The one way a test may skip for want of a tool or a privilege. On a developer's
 * machine a missing prerequisite skips the test, loudly; in strict mode (CI) it
 * fails the test, naming what is missing, so that a green build never hides a
 * contract that was not checked.
 *
 * <p>Strict mode is on when the environment has {@code CI=true} or
 * {@code ZENTOO_TESTS_STRICT=true}, or the JVM has {@code -Dzentoo.tests.strict=true}.
 */
public final class Strict {

    private Strict() {
    }

    /** Whether a missing prerequisite fails the test instead of skipping it. */
    public static boolean enabled() {
        return "true".equalsIgnoreCase(System.getenv("CI"))
                || "true".equalsIgnoreCase(System.getenv("ZENTOO_TESTS_STRICT"))
                || "true".equalsIgnoreCase(System.getProperty("zentoo.tests.strict"));
    }

    /**
     * Goes on only if {@code condition} holds; otherwise skips the test, or fails it
     * in strict mode, with {@code missing} as the reason.
     *
     * @param missing what is missing, and if possible how to provide it
     */
    public static void assume(boolean condition, String missing) {
        if (condition) {
            return;
        }
        if (enabled()) {
            throw new AssertionError("missing test prerequisite (strict mode, so this fails instead of skipping): "
                    + missing);
        }
        System.out.println("SKIPPED: " + missing);
        Assumptions.abort(missing);
    }
}
