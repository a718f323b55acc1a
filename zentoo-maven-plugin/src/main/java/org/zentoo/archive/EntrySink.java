package org.zentoo.archive;

import java.io.IOException;
import java.io.InputStream;

/** Receives entries in archive order; {@code data} yields {@code entry.size()} bytes. */
interface EntrySink {
    void accept(TarEntry entry, InputStream data) throws IOException;
}
