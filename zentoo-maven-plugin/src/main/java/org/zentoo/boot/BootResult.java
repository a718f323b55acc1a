package org.zentoo.boot;

import java.time.Duration;
import java.util.List;

/**
 * How one boot went.
 *
 * @param state         how the boot ended
 * @param kernelVersion the kernel's own {@code Linux version …} line from the console, or "" if none came
 * @param accelerator   {@code kvm} or {@code tcg}
 * @param tests         the tests that finished, in the order they ran
 * @param elapsed       from QEMU's start to its end (the KVM probe not counted)
 * @param consoleTail   the console's last lines, for a failure report
 * @param message       what went wrong, in words, or "" when every test passed
 */
public record BootResult(State state, String kernelVersion, String accelerator, List<TestResult> tests,
                         Duration elapsed, List<String> consoleTail, String message) {

    public enum State {
        /** Every test ran and passed, and the machine powered off. */
        PASSED,
        /** Every test ran, some failed. */
        TESTS_FAILED,
        /** The bound ({@code zentoo.test.bootTimeout}) passed first; QEMU was killed. */
        TIMED_OUT,
        /** QEMU ended before the shim said it was done: a panic, a missing /init, a QEMU error. */
        CRASHED
    }

    public BootResult {
        tests = List.copyOf(tests);
        consoleTail = List.copyOf(consoleTail);
    }

    public boolean passed() {
        return state == State.PASSED;
    }
}
