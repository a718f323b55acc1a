package org.zentoo.set;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The flags of a package.use line, with {@code VAR: a -b -*} spelled out as Portage reads it. */
public final class PackageUseTokens {

    private PackageUseTokens() {
    }

    /** {@code L10N: -* de} becomes {@code -l10n_* l10n_de}; a {@code -*} before any switch stays {@code -*}. */
    public static List<String> expand(List<String> words) {
        List<String> out = new ArrayList<>();
        String prefix = "";
        for (String w : words) {
            if (w.endsWith(":")) {
                prefix = w.substring(0, w.length() - 1).toLowerCase(Locale.ROOT) + "_";
            } else if (prefix.isEmpty()) {
                out.add(w);
            } else if (w.equals("-*")) {
                out.add("-" + prefix + "*");
            } else {
                out.add(w.startsWith("-") ? "-" + prefix + w.substring(1) : prefix + w);
            }
        }
        return out;
    }
}
