package org.zentoo.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a compressed stage or kernel tarball once, entry by entry, for what reports
 * such as the changes of a stage need from it: names, modes, owners, link targets,
 * and the data of the few files they ask for.
 */
public final class TarballEntries {

    /** Sees each entry; {@code data} is the entry's content, readable only during the call. */
    @FunctionalInterface
    public interface Visitor {
        void visit(TarEntry entry, InputStream data) throws IOException;
    }

    private TarballEntries() {
    }

    /** Calls {@code visitor} for every entry of {@code archive} ({@code .tar.zst} or {@code .tzst}, else {@code .tar.xz}). */
    public static void forEach(Path archive, Visitor visitor) throws IOException {
        try (InputStream in = ArchiveFormat.forFile(archive).decompress(
                new BufferedInputStream(Files.newInputStream(archive), 1 << 16))) {
            TarReader reader = new TarReader(in);
            for (TarEntry entry = reader.next(); entry != null; entry = reader.next()) {
                visitor.visit(entry, reader.data());
            }
        }
    }
}
