package org.zentoo.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

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
 * Outside the blocks, {@code ##zentoo-test## checks CODE} says how the program
 * that runs the built-in checks ended.
 */
public final class TestRunOutput {

    public static final String MARK = "##zentoo-test##";

    private TestRunOutput() {
    }

    /**
     * @param complete   whether the run said it was done; a run that was not ran
     *                   only some of its tests, so a pass means nothing
     * @param checksExit the exit code the {@code checks} line gave; empty when there was none
     * @param loose      the lines printed outside any block (what the checks' program said
     *                   when it broke before or between its blocks)
     */
    public record Parsed(List<TestCase> cases, boolean complete, OptionalInt checksExit, List<String> loose) {

        public Parsed {
            cases = List.copyOf(cases);
            loose = List.copyOf(loose);
        }

        /**
         * The error that stands for built-in checks that did not all run: the
         * {@code checks} line is missing or gives another code than 0, or a check
         * of {@code expected} printed no block. Without it a check that never ran
         * would be an absent case, and an empty suite would pass. Empty when every
         * check ran to its end.
         *
         * @param machine  the machine's classifier id
         * @param script   the program that runs the checks, the error case's name ({@code stage-checks.py})
         * @param expected the built-in checks, by name
         */
        public Optional<TestCase> checksNotRun(String machine, String script, List<String> expected) {
            Set<String> reported = new HashSet<>();
            for (TestCase c : cases) {
                if (c.classname().equals(classname(machine, "check"))) {
                    reported.add(c.name());
                }
            }
            List<String> missing = expected.stream().filter(n -> !reported.contains(n)).toList();
            int code = checksExit.orElse(-1);
            if (code == 0 && missing.isEmpty()) {
                return Optional.empty();
            }
            String said = loose.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
            String how = checksExit.isEmpty() ? "the run did not say how " + script + " ended"
                    : script + " exited with " + code + (code == 0 || said.isEmpty() ? "" : " (" + said + ")");
            String message = "Zentoo's built-in checks did not all run: " + how
                    + (missing.isEmpty() ? "" : "; no result from " + String.join(", ", missing));
            return Optional.of(new TestCase(classname(machine, "check"), script, TestCase.Status.ERROR, Duration.ZERO,
                    message, loose));
        }
    }

    /** @param machine the machine's classifier id: the first part of every classname */
    public static Parsed parse(String machine, List<String> lines) {
        List<TestCase> cases = new ArrayList<>();
        List<String> loose = new ArrayList<>();
        OptionalInt checksExit = OptionalInt.empty();
        boolean complete = false;
        String kind = null;
        String name = null;
        List<String> output = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith(MARK + " ")) {
                (name != null ? output : loose).add(line);
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
            } else if (words[0].equals("checks") && words.length == 2 && name == null && words[1].matches("\\d{1,3}")) {
                checksExit = OptionalInt.of(Integer.parseInt(words[1]));
            } else if (name != null) {
                output.add(line);
            }
        }
        if (name != null) {
            cases.add(unfinished(machine, kind, name, output));
            complete = false;
        }
        return new Parsed(cases, complete, checksExit, loose);
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
