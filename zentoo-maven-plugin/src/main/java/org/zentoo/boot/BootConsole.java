package org.zentoo.boot;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the serial console of a boot line by line and collects what the {@code /init}
 * shim (resource {@code init.sh}) frames there. A marker may follow other text on its
 * line (a kernel message printed without a newline), so it is searched, not anchored.
 * Not thread-safe: one reader feeds it.
 */
public final class BootConsole {

    private static final Pattern KERNEL = Pattern.compile("Linux version (\\S+)");
    private static final Pattern BEGIN = Pattern.compile("ZENTOO-BOOT begin (\\S+)");
    private static final Pattern ERROR = Pattern.compile("ZENTOO-BOOT error (.*)");
    private static final Pattern END = Pattern.compile("ZENTOO-BOOT end (\\d+) (\\d+)");
    private static final Pattern TEST_BEGIN = Pattern.compile("ZENTOO-TEST-BEGIN (\\S+)");
    private static final Pattern OUT = Pattern.compile("ZENTOO-OUT (\\S+) ?(.*)");
    private static final Pattern TEST = Pattern.compile("ZENTOO-TEST (\\S+) (PASS|FAIL) (\\d+) (\\d+)");
    private static final int TAIL = 60;

    private final Deque<String> tail = new ArrayDeque<>();
    private final Map<String, StringBuilder> outputs = new LinkedHashMap<>();
    private final List<TestResult> results = new ArrayList<>();
    private String kernelLine = "";
    private String kernelRelease = "";
    private String running = "";
    private String unpackFailure = "";
    private String shimError = "";
    private boolean ended;

    /** One console line, without its line end; a trailing CR (the serial line's CRLF) is dropped. */
    public void accept(String raw) {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (tail.size() == TAIL) {
            tail.removeFirst();
        }
        tail.addLast(line);
        if (line.indexOf("ZENTOO-") < 0) {
            int failure = line.indexOf("Initramfs unpacking failed");
            if (failure >= 0 && unpackFailure.isEmpty()) {
                unpackFailure = line.substring(failure);
            }
            if (kernelLine.isEmpty()) {
                Matcher m = KERNEL.matcher(line);
                if (m.find()) {
                    kernelLine = line.substring(m.start());
                }
            }
            return;
        }
        Matcher m;
        if ((m = OUT.matcher(line)).find()) {
            outputs.computeIfAbsent(m.group(1), k -> new StringBuilder()).append(m.group(2)).append('\n');
        } else if ((m = TEST.matcher(line)).find()) {
            String name = m.group(1);
            StringBuilder out = outputs.remove(name);
            results.add(new TestResult(name, m.group(2).equals("PASS"), Integer.parseInt(m.group(3)),
                    out == null ? "" : out.toString(), Duration.ofMillis(Long.parseLong(m.group(4)))));
            running = "";
        } else if ((m = TEST_BEGIN.matcher(line)).find()) {
            running = m.group(1);
        } else if ((m = ERROR.matcher(line)).find()) {
            shimError = m.group(1);
        } else if ((m = END.matcher(line)).find()) {
            ended = true;
        } else if ((m = BEGIN.matcher(line)).find()) {
            kernelRelease = m.group(1);
        }
    }

    /** The kernel's {@code Linux version …} line, or "". */
    public String kernelLine() {
        return kernelLine;
    }

    /** {@code uname -r} as the shim printed it, or "" before the shim ran. */
    public String kernelRelease() {
        return kernelRelease;
    }

    /** The kernel's complaint that it could not unpack all of the initramfs (it then boots what it has), or "". */
    public String unpackFailure() {
        return unpackFailure;
    }

    /** What the shim said went wrong before any test (e.g. no list of tests), or "". */
    public String shimError() {
        return shimError;
    }

    /** The test that began and has not finished, or "". */
    public String running() {
        return running;
    }

    /** Whether the shim said it ran every test. */
    public boolean ended() {
        return ended;
    }

    public List<TestResult> results() {
        return List.copyOf(results);
    }

    /** What the running (unfinished) test printed so far. */
    public String runningOutput() {
        StringBuilder out = outputs.get(running);
        return out == null ? "" : out.toString();
    }

    public List<String> tail() {
        return List.copyOf(tail);
    }
}
