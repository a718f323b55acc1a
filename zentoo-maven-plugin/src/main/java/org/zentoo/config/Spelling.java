package org.zentoo.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean": the known name a mistyped one is closest to, when it is close enough to be a typo. */
public final class Spelling {

    private Spelling() {
    }

    /**
     * The candidate with the fewest single-character edits from {@code typed} (ties:
     * the first in iteration order), if that is at most a quarter of its length (at
     * least 2): further away, it is another name, not a typo.
     */
    public static Optional<String> closest(String typed, Collection<String> candidates) {
        int limit = Math.max(2, typed.length() / 4);
        return candidates.stream().filter(c -> !c.equals(typed))
                .map(c -> new Scored(c, distance(typed, c)))
                .filter(s -> s.distance() <= limit)
                .min(Comparator.comparingInt(Scored::distance))
                .map(Scored::name);
    }

    private record Scored(String name, int distance) {
    }

    /** Levenshtein distance: insertions, deletions and substitutions, each costing 1. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
