package org.zentoo.bugreport;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The die message Portage writes into a failed package's build.log:
 * {@code * ERROR: cat/pf::repo failed (compile phase):}, the message lines, the
 * call stack and the snippet of code that called die. The call stack names the
 * saved {@code environment}, not the ebuild, so the ebuild line is found by the
 * snippet in the ebuild itself ({@link #inEbuild}).
 *
 * @param cpv        {@code cat/pf}
 * @param repository the repository of the ebuild, or empty
 * @param phase      the phase that died, e.g. {@code compile}
 * @param message    die's own words, one entry per line
 * @param callStack  Portage's call stack lines
 * @param snippet    the code that called die, as Portage quotes it
 * @param ebuildLine {@code <pf>.ebuild:LINE} of the snippet, or null when not found
 */
public record DieMessage(String cpv, String repository, String phase, List<String> message, List<String> callStack,
                         String snippet, String ebuildLine) {

    private static final Pattern ANSI = Pattern.compile("\\x1b\\[[0-9;]*[A-Za-z]");
    private static final Pattern ERROR =
            Pattern.compile("^ \\* ERROR: (\\S+?)(?:::(\\S+))? failed \\((\\S+) phase\\):\\s*$");
    private static final Pattern EINFO = Pattern.compile("^ \\* ?(.*)$");

    public DieMessage {
        message = List.copyOf(message);
        callStack = List.copyOf(callStack);
    }

    /**
     * The die message of a build.log, colour codes removed; the last one when there
     * are several (a phase that died after another's message was printed).
     *
     * @throws IllegalArgumentException when the log holds no {@code * ERROR: ... failed (... phase):} line
     */
    public static DieMessage parse(List<String> buildLog) {
        List<String> lines = buildLog.stream().map(l -> ANSI.matcher(l).replaceAll("")).toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (ERROR.matcher(lines.get(i)).matches()) {
                start = i;
            }
        }
        if (start < 0) {
            throw new IllegalArgumentException("no die message (\" * ERROR: cat/pf failed (phase):\") in the build"
                    + " log; did the package fail outside an ebuild phase?");
        }
        Matcher m = ERROR.matcher(lines.get(start));
        m.matches();
        List<String> message = new ArrayList<>();
        List<String> stack = new ArrayList<>();
        StringBuilder snippet = new StringBuilder();
        String part = "message";
        for (int i = start + 1; i < lines.size(); i++) {
            Matcher e = EINFO.matcher(lines.get(i));
            if (!e.matches()) {
                break;
            }
            String text = e.group(1);
            if (text.strip().equals("Call stack:")) {
                part = "stack";
            } else if (text.strip().equals("The specific snippet of code:")) {
                part = "snippet";
            } else if (text.isBlank()) {
                if (!part.equals("message") || !message.isEmpty()) {
                    part = part.equals("snippet") ? "end" : part;
                }
            } else if (text.startsWith("If you need support") || part.equals("end")) {
                break;
            } else if (part.equals("message")) {
                message.add(text.strip());
            } else if (part.equals("stack")) {
                stack.add(text.strip());
            } else {
                snippet.append(snippet.length() == 0 ? "" : "\n").append(text.strip());
            }
        }
        return new DieMessage(m.group(1), m.group(2) == null ? "" : m.group(2), m.group(3), message, stack,
                snippet.toString(), null);
    }

    /** The same message with the ebuild line of its snippet, looked up in the ebuild's text. */
    public DieMessage inEbuild(String ebuildName, List<String> ebuild) {
        String first = snippet.lines().findFirst().orElse("").strip();
        if (first.isEmpty()) {
            return this;
        }
        for (int i = 0; i < ebuild.size(); i++) {
            if (ebuild.get(i).strip().equals(first)) {
                return new DieMessage(cpv, repository, phase, message, callStack, snippet, ebuildName + ":" + (i + 1));
            }
        }
        return this;
    }

    /** die's words on one line, for comparing two failures and for a bug's summary. */
    public String summary() {
        return String.join(" ", message);
    }

    /** Whether {@code other} is the same failure: same package, phase and die words. */
    public boolean sameFailure(DieMessage other) {
        return cpv.equals(other.cpv) && phase.equals(other.phase) && summary().equals(other.summary());
    }

    /** die.txt. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("package: ").append(cpv).append(repository.isEmpty() ? "" : "::" + repository).append('\n');
        out.append("phase: ").append(phase).append('\n');
        out.append("die message: ").append(summary()).append('\n');
        out.append("ebuild line: ").append(ebuildLine == null ? "(snippet not found in the ebuild)" : ebuildLine)
                .append('\n');
        out.append("snippet:\n");
        snippet.lines().forEach(l -> out.append("    ").append(l).append('\n'));
        out.append("call stack:\n");
        callStack.forEach(l -> out.append("    ").append(l).append('\n'));
        return out.toString();
    }
}
