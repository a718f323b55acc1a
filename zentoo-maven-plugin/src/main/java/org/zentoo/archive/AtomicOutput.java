package org.zentoo.archive;

import org.zentoo.files.AtomicFile;
import org.zentoo.files.Sha256;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes a published file through {@link AtomicFile}, world-readable, and reports its
 * size and SHA-256 as it was written. A temp left by a killed run of the same file is
 * removed first: stages are written by one build at a time.
 */
final class AtomicOutput {

    /** What writes the content; it must not close the stream it is given before it is done. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    record Written(long bytes, String sha256) {
    }

    private AtomicOutput() {
    }

    static Written write(Path target, Content content) throws IOException {
        try {
            AtomicFile.deleteLeftovers(target);
        } catch (IOException e) {
            throw new IOException("cannot create a temporary file for " + target + " in "
                    + target.toAbsolutePath().getParent() + ": " + e, e);
        }
        Written[] written = new Written[1];
        AtomicFile.write(target, AtomicFile.WORLD_READABLE, file -> {
            Sha256 sha = new Sha256();
            CountingOutputStream counted = new CountingOutputStream(sha.feeding(file));
            content.writeTo(counted);
            counted.flush();
            written[0] = new Written(counted.count(), sha.hex());
        });
        return written[0];
    }
}
