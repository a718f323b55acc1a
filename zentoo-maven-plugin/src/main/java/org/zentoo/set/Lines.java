package org.zentoo.set;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits /etc/portage-style files: blank lines and {@code #} comments are dropped, as Portage's grabfile does. */
public final class Lines {

    private Lines() {
    }

    public static List<Line> of(String text) {
        List<Line> out = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String s = raw[i];
            int hash = commentStart(s);
            if (hash >= 0) {
                s = s.substring(0, hash);
            }
            s = s.strip();
            if (!s.isEmpty()) {
                out.add(new Line(i + 1, List.copyOf(Arrays.asList(s.split("\\s+"))), s));
            }
        }
        return out;
    }

    private static int commentStart(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '#' && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))) {
                return i;
            }
        }
        return -1;
    }
}
