package org.zentoo.distcc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the log distcc's client writes with DISTCC_VERBOSE=1 to DISTCC_LOG. Each
 * run of a job logs {@code distcc[PID] exec on HOST/LIMIT: ARGS}. A remote try that
 * fails logs {@code distcc[PID] (...) ERROR: ...} and the same process tries again
 * (another worker, or localhost), so a try counts only when no error of its
 * process follows it before the next try.
 */
public final class DistccClientLog {

    private static final Pattern EXEC = Pattern.compile("^distcc\\[(\\d+)\\] exec on ([^:]+): (.*)$");
    private static final Pattern ERROR = Pattern.compile("^distcc\\[(\\d+)\\] .*ERROR: .*$");

    private record Attempt(String host, boolean compile, boolean failed) {
    }

    private DistccClientLog() {
    }

    public static DistccReport parse(List<String> lines) {
        Map<String, Integer> remote = new TreeMap<>();
        Map<String, Integer> failed = new TreeMap<>();
        int[] local = {0};
        Map<String, Attempt> pending = new HashMap<>();
        for (String line : lines) {
            Matcher exec = EXEC.matcher(line);
            if (exec.matches()) {
                Attempt previous = pending.put(exec.group(1),
                        new Attempt(host(exec.group(2)), isCompile(exec.group(3)), false));
                count(previous, remote, failed, local);
                continue;
            }
            Matcher error = ERROR.matcher(line);
            if (error.matches()) {
                pending.computeIfPresent(error.group(1), (pid, a) -> new Attempt(a.host(), a.compile(), true));
            }
        }
        pending.values().forEach(a -> count(a, remote, failed, local));
        return new DistccReport(remote, local[0], failed);
    }

    private static void count(Attempt a, Map<String, Integer> remote, Map<String, Integer> failed, int[] local) {
        if (a == null || !a.compile()) {
            return; // links and other non-compiles always run locally; they are not compile jobs
        }
        if (a.host().equals("localhost")) {
            local[0]++;
        } else if (a.failed()) {
            failed.merge(a.host(), 1, Integer::sum);
        } else {
            remote.merge(a.host(), 1, Integer::sum);
        }
    }

    /** "w1/4,lzo" names the host w1. */
    private static String host(String spec) {
        String h = spec.strip();
        int cut = h.length();
        for (char c : new char[] {'/', ','}) {
            int i = h.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return h.substring(0, cut);
    }

    private static boolean isCompile(String args) {
        return (" " + args + " ").contains(" -c ");
    }
}
