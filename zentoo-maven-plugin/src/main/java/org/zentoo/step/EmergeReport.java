package org.zentoo.step;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts what emerge did from its own output: packages compiled from ebuilds and
 * packages merged from binpkgs. Also decides which lines are progress worth
 * showing on the console; everything still goes to the full log.
 */
public final class EmergeReport implements Consumer<String> {

    private static final Pattern EMERGING =
            Pattern.compile("^>>> Emerging (binary )?\\(\\d+ of \\d+\\) (\\S+)");
    private static final Pattern MASKED_USE =
            Pattern.compile("^- (\\S+) \\(masked by: use flag configuration mismatch\\)");

    private final List<String> compiled = new ArrayList<>();
    private final List<String> fromBinary = new ArrayList<>();
    private final List<String> useMismatches = new ArrayList<>();

    @Override
    public void accept(String line) {
        Matcher m = EMERGING.matcher(line);
        if (m.find()) {
            (m.group(1) == null ? compiled : fromBinary).add(m.group(2));
        }
        Matcher u = MASKED_USE.matcher(line);
        if (u.find()) {
            useMismatches.add(u.group(1));
        }
    }

    /** Lines that tell a person where the step is; the rest is compiler noise. */
    public static boolean isProgress(String line) {
        return line.startsWith(">>> Emerging") || line.startsWith(">>> Completed")
                || line.startsWith("!!!") || line.startsWith(" * ERROR") || line.startsWith("[ebuild")
                || line.startsWith("[binary") || line.startsWith("Total:") || line.startsWith("[zentoo]");
    }

    public List<String> compiled() {
        return List.copyOf(compiled);
    }

    public List<String> fromBinary() {
        return List.copyOf(fromBinary);
    }

    /** Packages whose only binpkgs were built with other USE than the machine asks for. */
    public List<String> useMismatches() {
        return List.copyOf(useMismatches);
    }
}
