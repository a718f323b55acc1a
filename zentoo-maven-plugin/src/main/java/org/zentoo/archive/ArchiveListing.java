package org.zentoo.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads back the entries of a compressed stage, for tests and the packages report. */
final class ArchiveListing {

    private ArchiveListing() {
    }

    static List<TarEntry> list(Path archive) throws IOException {
        try (InputStream in = ArchiveFormat.forFile(archive).decompress(
                new BufferedInputStream(Files.newInputStream(archive), 1 << 16))) {
            return entries(in);
        }
    }

    /** The entries of an uncompressed tar stream, names as stored. */
    static List<TarEntry> entries(InputStream tar) throws IOException {
        List<TarEntry> entries = new ArrayList<>();
        TarReader reader = new TarReader(tar);
        for (TarEntry entry = reader.next(); entry != null; entry = reader.next()) {
            entries.add(entry);
        }
        return entries;
    }
}
