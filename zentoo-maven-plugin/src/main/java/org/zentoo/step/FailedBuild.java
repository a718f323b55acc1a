package org.zentoo.step;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The package a failed emerge names, read from emerge's own output: Portage's
 * {@code * ERROR: cat/pkg-ver::repo failed (phase phase):} line, and the USE it was
 * built with from the {@code --verbose} merge list line of the same package.
 *
 * @param cpvr  {@code cat/pkg-ver[-rN]}
 * @param repo  the repository it came from
 * @param phase the ebuild phase that failed, e.g. {@code compile}
 * @param use   its IUSE flags as the merge list showed them, each on or off (USE_EXPAND
 *              groups as {@code l10n_de}); empty when the list was not in the output
 */
public record FailedBuild(String cpvr, String repo, String phase, Map<String, Boolean> use) {

    private static final Pattern ERROR =
            Pattern.compile("^ \\* ERROR: (\\S+)::(\\S+) failed \\((\\S+) phase\\):");
    private static final Pattern MERGE = Pattern.compile("^\\[ebuild[^]]*] (\\S+?)(?:::(\\S+))?(?:\\s|$)(.*)");
    private static final Pattern GROUP = Pattern.compile("([A-Z][A-Z0-9_]*)=\"([^\"]*)\"");

    public FailedBuild {
        use = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(use));
    }

    /** The first package emerge reports as failed in {@code lines}, or empty. */
    public static Optional<FailedBuild> in(List<String> lines) {
        for (String line : lines) {
            Matcher m = ERROR.matcher(line);
            if (m.find()) {
                return Optional.of(new FailedBuild(m.group(1), m.group(2), m.group(3), useOf(lines, m.group(1))));
            }
        }
        return Optional.empty();
    }

    private static Map<String, Boolean> useOf(List<String> lines, String cpvr) {
        Map<String, Boolean> use = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = MERGE.matcher(line);
            if (!m.find() || !m.group(1).equals(cpvr)) {
                continue;
            }
            use.clear();
            Matcher g = GROUP.matcher(m.group(3));
            while (g.find()) {
                String prefix = g.group(1).equals("USE") ? "" : g.group(1).toLowerCase(Locale.ROOT) + "_";
                for (String token : g.group(2).trim().split("\\s+")) {
                    // Portage marks forced or masked flags with (), changed ones with *, new ones with %.
                    String flag = token.replaceAll("[()*%{}]", "");
                    if (flag.isEmpty()) {
                        continue;
                    }
                    boolean on = !flag.startsWith("-");
                    use.put(prefix + (on ? flag : flag.substring(1)), on);
                }
            }
        }
        return use;
    }
}
