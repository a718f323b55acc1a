package org.zentoo.changes;

import org.zentoo.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code changes-<machine>} as text (txt), as JSON, and as one line for the end of the build log. */
public final class ChangesReport {

    /** The line of a machine whose compared parts are all the same. */
    public static final String NO_CHANGE = "no change";

    private ChangesReport() {
    }

    /** The text report, one fact per line, sections in a fixed order. */
    public static String text(Changes c) {
        return text(c, "");
    }

    /**
     * The text report with the machine's platform ({@code linux/arm64}) under the head line;
     * none when {@code platform} is empty.
     */
    public static String text(Changes c, String platform) {
        List<String> out = new ArrayList<>();
        out.add("Changes of " + c.machine() + ": " + c.current() + " compared with "
                + c.previous().orElse("nothing (no previous stage)"));
        if (!platform.isEmpty()) {
            out.add("Platform: " + platform);
        }
        if (c.previous().isPresent() && c.unchanged()) {
            out.add(NO_CHANGE);
        }
        if (!c.packages().isEmpty()) {
            out.add("Packages:");
            c.packages().forEach(p -> out.add("  " + switch (p.kind()) {
                case ADDED -> "added " + p.cp() + "-" + p.to();
                case REMOVED -> "removed " + p.cp() + "-" + p.from();
                case UPGRADED -> "upgraded " + p.cp() + " " + p.from() + " -> " + p.to();
                case DOWNGRADED -> "downgraded " + p.cp() + " " + p.from() + " -> " + p.to();
            }));
        }
        if (!c.use().isEmpty()) {
            out.add("USE:");
            c.use().forEach(u -> out.add("  " + u.cp() + "-" + u.version() + ": " + use(u)));
        }
        c.pins().forEach(p -> out.add(capitalised(p.what()) + ": " + p.before() + " -> " + p.after()));
        if (!c.kernel().isEmpty()) {
            out.add("Kernel options:");
            c.kernel().forEach(k -> out.add("  " + k.name() + ": " + option(k.before()) + " -> " + option(k.after())));
        }
        files("/etc:", c.etc(), out);
        files("setuid/setgid files:", c.setid(), out);
        if (!c.services().isEmpty()) {
            out.add("Services:");
            c.services().forEach(s -> out.add("  " + (s.enabled() ? "enabled " : "disabled ") + s.service()));
        }
        if (!c.notCompared().isEmpty()) {
            out.add("Not compared:");
            c.notCompared().forEach(n -> out.add("  " + n));
        }
        return String.join("\n", out) + "\n";
    }

    /** {@code +greeting (was off) by config/sets/greet/package.use:1 (set greet)}. */
    static String use(Changes.UseChange u) {
        if (u.after() == null) {
            return u.flag() + " is no longer in IUSE (was " + state(u.before()) + ")";
        }
        String sign = u.after() ? "+" : "-";
        String was = u.before() == null ? "new in IUSE" : "was " + state(u.before());
        return sign + u.flag() + " (" + was + ") " + u.origin();
    }

    private static void files(String title, List<Changes.FileChange> files, List<String> out) {
        if (files.isEmpty()) {
            return;
        }
        out.add(title);
        for (Changes.FileChange f : files) {
            out.add("  " + switch (f.kind()) {
                case ADDED -> "added " + f.path() + " (" + f.after() + ")" + callout(f.after());
                case REMOVED -> "removed " + f.path() + " (" + f.before() + ")";
                case CHANGED -> "changed " + f.path() + " (" + f.before() + " -> " + f.after() + ")" + callout(f.after());
            });
        }
    }

    /** An /etc file that is setuid or setgid is worth a word of its own. */
    private static String callout(String description) {
        String[] parts = description.split(" ");
        if (parts.length > 1 && parts[1].matches("[0-7]{4}") && (Integer.parseInt(parts[1], 8) & 06000) != 0) {
            return "  SETUID/SETGID";
        }
        return "";
    }

    /** One line for the end of the build log. */
    public static String summary(Changes c) {
        if (c.previous().isEmpty()) {
            return "no previous stage to compare with";
        }
        String head = c.unchanged() ? NO_CHANGE : c.counts().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        List<String> details = new ArrayList<>();
        c.use().stream().limit(3).forEach(u -> details.add(u.cp() + " " + (u.after() == null ? "-" + u.flag()
                : (u.after() ? "+" : "-") + u.flag())));
        c.services().stream().limit(2).forEach(s -> details.add((s.enabled() ? "+" : "-") + s.service()));
        c.setid().stream().limit(2).forEach(s -> details.add(s.kind().name().toLowerCase(java.util.Locale.ROOT) + " "
                + s.path()));
        String suffix = details.isEmpty() ? "" : " (" + String.join("; ", details) + ")";
        String notCompared = c.notCompared().isEmpty() ? "" : "; not compared: " + c.notCompared().stream()
                .map(n -> n.substring(0, n.indexOf(':'))).collect(Collectors.joining(", "));
        return head + suffix + notCompared;
    }

    /** The JSON report: the same facts, typed. */
    public static String json(Changes c) {
        return json(c, "");
    }

    /** The JSON report with the machine's platform; null when {@code platform} is empty. */
    public static String json(Changes c, String platform) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("machine", c.machine());
        out.put("platform", platform.isEmpty() ? null : platform);
        out.put("previous", c.previous().orElse(null));
        out.put("current", c.current());
        out.put("unchanged", c.previous().isPresent() && c.unchanged());
        List<Object> packages = new ArrayList<>();
        c.packages().forEach(p -> packages.add(map("change", p.kind().name().toLowerCase(java.util.Locale.ROOT),
                "package", p.cp(), "from", p.from(), "to", p.to())));
        out.put("packages", packages);
        List<Object> use = new ArrayList<>();
        c.use().forEach(u -> use.add(map("package", u.cp(), "version", u.version(), "flag", u.flag(),
                "before", u.before(), "after", u.after(), "origin", u.origin())));
        out.put("use", use);
        List<Object> pins = new ArrayList<>();
        c.pins().forEach(p -> pins.add(map("what", p.what(), "before", p.before().toString(), "beforeDigest",
                p.before().digest(), "after", p.after().toString(), "afterDigest", p.after().digest())));
        out.put("seedAndSnapshot", pins);
        List<Object> kernel = new ArrayList<>();
        c.kernel().forEach(k -> kernel.add(map("option", k.name(), "before", k.before(), "after", k.after())));
        out.put("kernel", kernel);
        out.put("etc", files(c.etc()));
        out.put("setid", files(c.setid()));
        List<Object> services = new ArrayList<>();
        c.services().forEach(s -> services.add(map("change", s.enabled() ? "enabled" : "disabled", "service",
                s.service())));
        out.put("services", services);
        out.put("notCompared", c.notCompared());
        return Json.write(out);
    }

    private static List<Object> files(List<Changes.FileChange> files) {
        List<Object> out = new ArrayList<>();
        files.forEach(f -> out.add(map("change", f.kind().name().toLowerCase(java.util.Locale.ROOT), "path", f.path(),
                "before", f.before(), "after", f.after())));
        return out;
    }

    /** Keys and values in turn; a null value is written as JSON null. */
    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String state(Boolean on) {
        return Boolean.TRUE.equals(on) ? "on" : "off";
    }

    private static String option(String value) {
        return value == null ? "(absent)" : value.equals("n") ? "is not set" : value;
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
