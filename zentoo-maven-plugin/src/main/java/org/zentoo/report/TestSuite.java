package org.zentoo.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A machine's tests, as one JUnit test suite. */
public record TestSuite(String name, List<TestCase> cases) {

    public TestSuite {
        cases = List.copyOf(cases);
    }

    /** The same suite with {@code more} cases at its end. */
    public TestSuite with(List<TestCase> more) {
        List<TestCase> all = new ArrayList<>(cases);
        all.addAll(more);
        return new TestSuite(name, all);
    }

    public long count(TestCase.Status status) {
        return cases.stream().filter(c -> c.status() == status).count();
    }

    public List<TestCase> failures() {
        return cases.stream().filter(TestCase::failed).toList();
    }

    public Duration time() {
        return cases.stream().map(TestCase::time).reduce(Duration.ZERO, Duration::plus);
    }

    /** "6 tests: 5 passed, 1 failed" and the like, for a summary row. */
    public String summary() {
        StringBuilder out = new StringBuilder().append(cases.size()).append(cases.size() == 1 ? " test: " : " tests: ")
                .append(count(TestCase.Status.PASSED)).append(" passed");
        append(out, count(TestCase.Status.FAILED), "failed");
        append(out, count(TestCase.Status.ERROR), "in error");
        append(out, count(TestCase.Status.SKIPPED), "skipped");
        return out.toString();
    }

    private static void append(StringBuilder out, long n, String what) {
        if (n > 0) {
            out.append(", ").append(n).append(' ').append(what);
        }
    }
}
