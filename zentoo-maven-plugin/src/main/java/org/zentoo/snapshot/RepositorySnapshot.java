package org.zentoo.snapshot;

import org.zentoo.seed.SeedException;
import org.zentoo.seed.TarballSeed;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The SNAPSHOT of a machine: which state of the repositories it is built against.
 * <ul>
 *   <li>a date pins ::gentoo to that day's {@code gentoo-YYYYMMDD.tar.xz} from a mirror's
 *       {@code snapshots/} directory, the file emerge-webrsync uses;</li>
 *   <li>an http(s) URL or {@code file:} path names a repository snapshot tarball of any repository;</li>
 *   <li>{@code seed} (or empty) takes the repositories the seed image itself carries.</li>
 * </ul>
 * Exactly one of {@code date} and {@code tarball} is set, or neither for {@code seed}.
 */
public record RepositorySnapshot(String value, LocalDate date, TarballSeed tarball) {

    public static final String EXPECTED = "expected a date (YYYY-MM-DD or YYYYMMDD) of a Gentoo snapshot,"
            + " the http(s):// URL or file: path of a repository snapshot tarball, or 'seed'";

    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    public static RepositorySnapshot parse(String value) throws SeedException {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.equalsIgnoreCase("seed")) {
            return new RepositorySnapshot("seed", null, null);
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("file:")) {
            TarballSeed tarball = TarballSeed.parse("SNAPSHOT", v);
            return new RepositorySnapshot(tarball.value(), null, tarball);
        }
        for (String pattern : new String[] {"uuuu-MM-dd", "uuuuMMdd"}) {
            try {
                LocalDate date = LocalDate.parse(v, DateTimeFormatter.ofPattern(pattern, Locale.ROOT)
                        .withResolverStyle(java.time.format.ResolverStyle.STRICT));
                return new RepositorySnapshot(date.format(BASIC), date, null);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        throw new SeedException(SeedException.Problem.BAD_REFERENCE, "SNAPSHOT=\"" + value + "\" is not usable; "
                + EXPECTED);
    }

    public boolean fromSeed() {
        return date == null && tarball == null;
    }

    public boolean dated() {
        return date != null;
    }

    /**
     * Where the snapshot's tarball comes from: the named tarball, or for a date
     * {@code <mirror>/snapshots/gentoo-YYYYMMDD.tar.xz}. Its signature sits next to it
     * as {@code .gpgsig}.
     */
    public TarballSeed source(URI mirror) throws SeedException {
        if (tarball != null) {
            return tarball;
        }
        if (date == null) {
            throw new IllegalStateException("SNAPSHOT=seed has no tarball");
        }
        String base = mirror.toString().replaceAll("/+$", "");
        return TarballSeed.parse("zentoo.snapshot.mirror", base + "/snapshots/gentoo-" + date.format(BASIC) + ".tar.xz");
    }

    /**
     * The snapshot's part of its volume name, by what the volume holds: the date, the
     * tarball's SHA512 (the same bytes under another URL share the volume), or the
     * seed image, whose own repositories differ from seed to seed.
     *
     * @param seedImageId the seed image id, used for {@code seed}
     * @param sha512      the verified tarball's digest, used for URL and file: snapshots
     */
    public String name(String seedImageId, String sha512) {
        if (dated()) {
            return date.format(BASIC);
        }
        if (tarball != null) {
            return "sha512-" + sha512.substring(0, 12);
        }
        String id = seedImageId.startsWith("sha256:") ? seedImageId.substring(7) : seedImageId;
        return "seed-" + id.substring(0, Math.min(12, id.length()));
    }
}
