package org.zentoo.changes;

import org.zentoo.atom.Version;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One installed package: {@code cat/pkg}, its version ({@code ver[-rN]}), repository,
 * and USE as {@code /var/lib/zentoo/packages.txt} lists it (every IUSE flag, disabled
 * ones with {@code -}).
 */
public record InstalledPackage(String cp, String version, String repo, List<String> use) {

    /** {@code cat/pkg-ver[-rN]::repo USE="a -b"}, the line assemble.sh writes. */
    private static final Pattern LINE = Pattern.compile("(\\S+)::(\\S+) USE=\"([^\"]*)\"");
    private static final Pattern CPV = Pattern.compile(
            "([A-Za-z0-9_][A-Za-z0-9+_.-]*/[A-Za-z0-9_][A-Za-z0-9+_-]*)-([0-9][0-9.a-z_]*(?:-r[0-9]+)?)");

    public InstalledPackage {
        Objects.requireNonNull(cp, "cp");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(repo, "repo");
        use = List.copyOf(use);
    }

    /** {@code cat/pkg-ver[-rN]} split into name and version, or an error naming what was expected. */
    public static InstalledPackage of(String cpv, String repo, List<String> use) {
        Matcher m = CPV.matcher(cpv);
        if (!m.matches() || !Version.isValid(m.group(2))) {
            throw new IllegalArgumentException("\"" + cpv + "\" is not a category/package-version");
        }
        return new InstalledPackage(m.group(1), m.group(2), repo, use);
    }

    /**
     * The lines of a packages file ({@code packages-<machine>.txt}); blank lines are skipped.
     *
     * @param name the file's name, for the message of a line that is not a package
     */
    public static List<InstalledPackage> parseList(String text, String name) {
        List<InstalledPackage> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            try {
                if (!m.matches()) {
                    throw new IllegalArgumentException("expected cat/pkg-ver::repo USE=\"...\"");
                }
                out.add(of(m.group(1), m.group(2), m.group(3).isBlank() ? List.of()
                        : List.of(m.group(3).strip().split("\\s+"))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": " + e.getMessage() + ", found \"" + line
                        + "\"");
            }
        }
        return out;
    }

    public Version parsedVersion() {
        return Version.parse(version);
    }

    /** {@code cat/pkg-ver[-rN]}. */
    public String cpv() {
        return cp + "-" + version;
    }

    /** The USE flags by name: true for enabled, false for an IUSE flag that is off. */
    public Map<String, Boolean> flags() {
        Map<String, Boolean> flags = new LinkedHashMap<>();
        for (String token : use) {
            if (token.startsWith("-")) {
                flags.put(token.substring(1), false);
            } else {
                flags.put(token, true);
            }
        }
        return flags;
    }

    /** The line as packages.txt has it. */
    public String line() {
        return cpv() + "::" + repo + " USE=\"" + String.join(" ", use) + "\"";
    }
}
