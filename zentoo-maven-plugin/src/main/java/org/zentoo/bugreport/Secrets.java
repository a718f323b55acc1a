package org.zentoo.bugreport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Values that must never reach a bug report: settings.xml passwords and passphrases,
 * the signing key's passphrase and its secret key (each line of an armored key, or
 * the key's bytes). A report's files are screened for each and every occurrence is
 * replaced by {@link #MARK}.
 */
public final class Secrets {

    public static final String MARK = "[secret removed by Zentoo]";
    /** Shorter values are too likely to occur by chance (a passphrase "a" would rewrite every log). */
    static final int SHORTEST = 4;

    public static final Secrets NONE = new Secrets(List.of());

    /** Each value as ISO-8859-1 text of its bytes: one char per byte, so any file can be screened as text. */
    private final List<String> values;

    private Secrets(List<String> values) {
        this.values = values;
    }

    /** @param values secret strings; blank ones and ones shorter than {@link #SHORTEST} are ignored */
    public static Secrets of(List<String> values) {
        return NONE.and(values);
    }

    /** The same values and {@code more}. */
    public Secrets and(List<String> more) {
        List<String> all = new ArrayList<>(values);
        for (String v : more) {
            if (v != null) {
                add(all, new String(v.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
            }
        }
        return sorted(all);
    }

    /** The same values and a key: each line of an ASCII-armored key, or else its bytes whole. */
    public Secrets andKey(byte[] key) {
        List<String> all = new ArrayList<>(values);
        String text = new String(key, StandardCharsets.ISO_8859_1);
        if (text.startsWith("-----BEGIN PGP")) {
            text.lines().map(String::strip).filter(l -> !l.startsWith("-----") && !l.contains(":"))
                    .forEach(l -> add(all, l));
        } else {
            add(all, text);
        }
        return sorted(all);
    }

    private static void add(List<String> all, String value) {
        if (value.strip().length() >= SHORTEST && !all.contains(value)) {
            all.add(value);
        }
    }

    /** The longest first, so a secret holding another is replaced whole. */
    private static Secrets sorted(List<String> all) {
        all.sort(Comparator.comparingInt(String::length).reversed());
        return new Secrets(List.copyOf(all));
    }

    /** Replaces every secret in the file; returns whether it changed. */
    public boolean screen(Path file) throws IOException {
        if (values.isEmpty()) {
            return false;
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        String screened = text;
        for (String v : values) {
            screened = screened.replace(v, MARK);
        }
        if (screened.equals(text)) {
            return false;
        }
        Files.write(file, screened.getBytes(StandardCharsets.ISO_8859_1));
        return true;
    }

    public int size() {
        return values.size();
    }
}
