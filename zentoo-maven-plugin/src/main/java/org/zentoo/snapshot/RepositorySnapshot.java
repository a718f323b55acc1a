package org.zentoo.snapshot;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The SNAPSHOT of a machine: which state of the repositories it is built against.
 * A date pins ::gentoo to that day's snapshot (emerge-webrsync --revert); {@code seed}
 * or empty takes the repositories the seed image itself carries.
 */
public record RepositorySnapshot(String value, LocalDate date) {

    public static RepositorySnapshot parse(String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty() || v.equalsIgnoreCase("seed")) {
            return new RepositorySnapshot("seed", null);
        }
        for (String pattern : new String[] {"yyyy-MM-dd", "yyyyMMdd"}) {
            try {
                return new RepositorySnapshot(v, LocalDate.parse(v, DateTimeFormatter.ofPattern(pattern, Locale.ROOT)));
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        throw new IllegalArgumentException("SNAPSHOT=\"" + value + "\" is neither a date (YYYY-MM-DD or YYYYMMDD)"
                + " nor 'seed'");
    }

    public boolean fromSeed() {
        return date == null;
    }

    /**
     * The snapshot's part of its volume name. A seed's own repositories differ from
     * seed to seed, so that name includes the seed image.
     */
    public String name(String seedImageId) {
        if (fromSeed()) {
            String id = seedImageId.startsWith("sha256:") ? seedImageId.substring(7) : seedImageId;
            return "seed-" + id.substring(0, Math.min(12, id.length()));
        }
        return date.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    /** The shell that fills a new volume mounted at /var/db/repos; it must leave the marker. */
    public String populateScript() {
        String marker = "/var/db/repos/.zentoo-snapshot";
        String fill = fromSeed()
                ? "echo '[zentoo] using the repositories of the seed image'"
                : "emerge-webrsync --revert=" + date.format(DateTimeFormatter.BASIC_ISO_DATE);
        return "set -e; if [ -f " + marker + " ]; then echo \"[zentoo] snapshot $(cat " + marker + ") present\";"
                + " exit 0; fi; " + fill + "; echo '" + value + "' > " + marker;
    }
}
