package org.zentoo.archive;

import java.io.IOException;
import java.io.InputStream;

/** Receives entries in archive order; {@code data} yields {@code entry.size()} bytes. */
interface EntrySink {
    void accept(TarEntry entry, InputStream data) throws IOException;

    /** Called once before the first entry when the source knows how much file data will follow. */
    default void expect(long dataBytes) {
    }
}
