package org.zentoo.archive;

import java.nio.file.Path;
import java.util.List;

/**
 * What a pack wrote.
 *
 * @param entries  tar entries (pax extended headers not counted)
 * @param bytes    size of the compressed file
 * @param sha256   lowercase hex SHA-256 of the compressed file
 * @param warnings things packed differently from what GNU tar would do, e.g. sockets skipped
 */
public record PackResult(Path file, ArchiveFormat format, long entries, long bytes, String sha256,
                         List<String> warnings) {

    public PackResult {
        warnings = List.copyOf(warnings);
    }
}
