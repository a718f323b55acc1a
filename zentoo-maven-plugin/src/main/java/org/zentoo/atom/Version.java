package org.zentoo.atom;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A package version as PMS 3.2 spells it ({@code 1.2.3b_rc1_p2-r4}), ordered as PMS 3.3
 * says: numeric components (the first as an integer, later ones with a leading zero
 * as strings with trailing zeros stripped), then the letter, then the suffixes
 * ({@code _alpha < _beta < _pre < _rc < none < _p}), then the revision. Two versions
 * may compare equal without being the same text ({@code 1.0-r0} and {@code 1.0}).
 */
public final class Version implements Comparable<Version> {

    private static final Pattern SYNTAX = Pattern.compile(
            "([0-9]+(?:\\.[0-9]+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|p)[0-9]*)*)(?:-r([0-9]+))?");
    private static final Pattern SUFFIX = Pattern.compile("_(alpha|beta|pre|rc|p)([0-9]*)");
    private static final List<String> SUFFIX_ORDER = List.of("alpha", "beta", "pre", "rc", "p");
    /** Where "no suffix" sits between the suffixes: after rc, before p. */
    private static final int NO_SUFFIX = SUFFIX_ORDER.indexOf("p");

    private record Suffix(int kind, BigInteger number) {
    }

    private final String text;
    private final List<String> numbers;
    private final char letter;
    private final List<Suffix> suffixes;
    private final BigInteger revision;

    private Version(String text, List<String> numbers, char letter, List<Suffix> suffixes, BigInteger revision) {
        this.text = text;
        this.numbers = numbers;
        this.letter = letter;
        this.suffixes = suffixes;
        this.revision = revision;
    }

    /** Parses {@code ver[-rN]}; throws {@link IllegalArgumentException} for anything PMS 3.2 does not allow. */
    public static Version parse(String text) {
        Matcher m = SYNTAX.matcher(Objects.requireNonNull(text, "text"));
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a version (PMS 3.2: 1.2.3b_rc1_p2-r4)");
        }
        List<String> numbers = List.of(m.group(1).split("\\."));
        char letter = m.group(2).isEmpty() ? 0 : m.group(2).charAt(0);
        List<Suffix> suffixes = new ArrayList<>();
        Matcher s = SUFFIX.matcher(m.group(3));
        while (s.find()) {
            suffixes.add(new Suffix(SUFFIX_ORDER.indexOf(s.group(1)),
                    s.group(2).isEmpty() ? BigInteger.ZERO : new BigInteger(s.group(2))));
        }
        BigInteger revision = m.group(4) == null ? BigInteger.ZERO : new BigInteger(m.group(4));
        return new Version(text, numbers, letter, List.copyOf(suffixes), revision);
    }

    /** Whether {@code text} is a version PMS 3.2 allows. */
    public static boolean isValid(String text) {
        return text != null && SYNTAX.matcher(text).matches();
    }

    @Override
    public int compareTo(Version other) {
        // Algorithm 3.2: the first component as an integer.
        int c = new BigInteger(numbers.get(0)).compareTo(new BigInteger(other.numbers.get(0)));
        if (c != 0) {
            return c;
        }
        // Algorithm 3.3 for each later component both have; the one with more components is greater.
        int shared = Math.min(numbers.size(), other.numbers.size());
        for (int i = 1; i < shared; i++) {
            c = component(numbers.get(i), other.numbers.get(i));
            if (c != 0) {
                return c;
            }
        }
        c = Integer.compare(numbers.size(), other.numbers.size());
        if (c != 0) {
            return c;
        }
        // Algorithm 3.4: the letter; none is less than any.
        c = Character.compare(letter, other.letter);
        if (c != 0) {
            return c;
        }
        // Algorithm 3.5 over the suffixes both have; then an extra suffix is greater only if it is _p.
        int suffixesShared = Math.min(suffixes.size(), other.suffixes.size());
        for (int i = 0; i < suffixesShared; i++) {
            Suffix a = suffixes.get(i);
            Suffix b = other.suffixes.get(i);
            c = a.kind() != b.kind() ? Integer.compare(a.kind(), b.kind()) : a.number().compareTo(b.number());
            if (c != 0) {
                return c;
            }
        }
        if (suffixes.size() > suffixesShared) {
            return Integer.compare(suffixes.get(suffixesShared).kind(), NO_SUFFIX) >= 0 ? 1 : -1;
        }
        if (other.suffixes.size() > suffixesShared) {
            return Integer.compare(other.suffixes.get(suffixesShared).kind(), NO_SUFFIX) >= 0 ? -1 : 1;
        }
        // Algorithm 3.6: the revision, as an integer; none is -r0.
        return revision.compareTo(other.revision);
    }

    /** Algorithm 3.3: with a leading zero on either side, as strings without trailing zeros; else as integers. */
    private static int component(String a, String b) {
        if (a.startsWith("0") || b.startsWith("0")) {
            return stripTrailingZeros(a).compareTo(stripTrailingZeros(b));
        }
        return new BigInteger(a).compareTo(new BigInteger(b));
    }

    private static String stripTrailingZeros(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '0') {
            end--;
        }
        return s.substring(0, end);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        // Equal versions may differ in text (1.0-r0, 1.0), so the hash uses only what they must share.
        return new BigInteger(numbers.get(0)).hashCode() * 31 + letter;
    }

    @Override
    public String toString() {
        return text;
    }
}
