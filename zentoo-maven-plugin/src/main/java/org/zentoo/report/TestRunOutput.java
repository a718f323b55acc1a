package org.zentoo.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines a test container printed (stage-tests.sh and stage-checks.py):
 * each test is a block
 * <pre>
 * ##zentoo-test## begin KIND NAME
 * ... its output ...
 * ##zentoo-test## end KIND STATUS CODE MICROSECONDS NAME
 * </pre>
 * with KIND {@code check} (a built-in check; CODE counts its problems) or
 * {@code test} (a site script; CODE is its exit code), STATUS {@code pass},
 * {@code fail}, {@code error} or {@code skip}; the run ends with
 * {@code ##zentoo-test## done}. The same lines are what a boot console prints.
 */
public final class TestRunOutput {

    public static final String MARK = "##zentoo-test##";

    private TestRunOutput() {
    }

    /**
     * @param complete whether the run said it was done; a run that was not ran
     *                 only some of its tests, so a pass means nothing
     */
    public record Parsed(List<TestCase> cases, boolean complete) {
    }

    /** @param machine the machine's classifier id: the first part of every classname */
    public static Parsed parse(String machine, List<String> lines) {
        List<TestCase> cases = new ArrayList<>();
        boolean complete = false;
        String kind = null;
        String name = null;
        List<String> output = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith(MARK + " ")) {
                if (name != null) {
                    output.add(line);
                }
                continue;
            }
            String rest = line.substring(MARK.length() + 1);
            String[] words = rest.split(" ", 6);
            if (words[0].equals("begin") && words.length >= 3) {
                if (name != null) {
                    cases.add(unfinished(machine, kind, name, output));
                }
                String[] kindAndName = rest.substring("begin ".length()).split(" ", 2);
                kind = kindAndName[0];
                name = kindAndName[1];
                output = new ArrayList<>();
            } else if (words[0].equals("end") && words.length == 6 && name != null && words[5].equals(name)) {
                cases.add(ended(machine, kind, name, words[2], words[3], words[4], output));
                name = null;
            } else if (words[0].equals("done")) {
                complete = true;
            } else if (name != null) {
                output.add(line);
            }
        }
        if (name != null) {
            cases.add(unfinished(machine, kind, name, output));
            complete = false;
        }
        return new Parsed(cases, complete);
    }

    private static TestCase ended(String machine, String kind, String name, String status, String code,
                                  String micros, List<String> output) {
        TestCase.Status result = switch (status) {
            case "pass" -> TestCase.Status.PASSED;
            case "skip" -> TestCase.Status.SKIPPED;
            case "fail" -> TestCase.Status.FAILED;
            default -> TestCase.Status.ERROR;
        };
        String first = output.isEmpty() ? "" : output.get(0);
        String last = output.isEmpty() ? "" : output.get(output.size() - 1);
        String message = switch (result) {
            case PASSED -> null;
            case SKIPPED -> first;
            case ERROR -> kind.equals("check") ? "the check itself failed: " + last : "error (" + code + "): " + last;
            case FAILED -> kind.equals("check")
                    ? code + (code.equals("1") ? " problem: " : " problems, the first: ") + first
                    : "exit code " + code + (last.isEmpty() ? "" : ": " + last);
        };
        return new TestCase(classname(machine, kind), name, result, micros(micros), message, output);
    }

    private static TestCase unfinished(String machine, String kind, String name, List<String> output) {
        return new TestCase(classname(machine, kind), name, TestCase.Status.ERROR, Duration.ZERO,
                "no result: the run ended while it ran", output);
    }

    /** {@code web01.checks} for built-in checks, {@code web01.tests} for the site's scripts. */
    public static String classname(String machine, String kind) {
        return machine + "." + (kind.equals("check") ? "checks" : kind.equals("test") ? "tests" : kind);
    }

    private static Duration micros(String value) {
        try {
            return Duration.ofNanos(Math.max(0, Long.parseLong(value)) * 1000);
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }
}
