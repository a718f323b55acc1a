package org.zentoo.archive;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads the reproducible-build clamp the way Maven reads
 * {@code project.build.outputTimestamp}: ISO-8601 with an offset, or seconds since
 * the epoch (the form of SOURCE_DATE_EPOCH). A blank or one-character value means
 * "not set", as Maven's archiver treats it.
 */
public final class OutputTimestamp {

    private OutputTimestamp() {
    }

    /**
     * @return the instant, or null when the value is unset
     * @throws IllegalArgumentException naming the two accepted forms
     */
    public static Instant parse(String value) {
        if (value == null || value.trim().length() < 2) {
            return null;
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochSecond(Long.parseLong(v));
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid timestamp '" + value
                    + "': expected ISO-8601 with an offset (2026-01-01T00:00:00Z) or seconds since the epoch");
        }
    }
}
