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
    /**
     * Portage fetches each GENTOO_MIRRORS mirror's {@code distfiles/layout.conf} into
     * {@code DISTDIR/.layout.conf.<host>} before a distfile (fetch.py, async_mirror_url).
     * When that fails it prints this, assumes the flat layout and fetches on.
     */
    private static final Pattern MIRROR_LAYOUT =
            Pattern.compile("^!!! Couldn't download '\\.layout\\.conf\\.([^']+)'\\. Aborting\\.$");
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

    /**
     * What the console shows for a line of emerge's output, or null for nothing; the
     * step's full log keeps every line as it was. Portage's alarming but harmless
     * failure to read a mirror's layout.conf becomes one line that says what it means.
     */
    public static String forConsole(String line) {
        Matcher layout = MIRROR_LAYOUT.matcher(line);
        if (layout.matches()) {
            return "mirror " + layout.group(1) + ": its layout.conf could not be fetched (Portage's \"Couldn't"
                    + " download '.layout.conf." + layout.group(1) + "'\"), so Portage assumes the flat layout and"
                    + " fetches on; harmless unless a distfile itself cannot be fetched";
        }
        return isProgress(line) ? line : null;
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
