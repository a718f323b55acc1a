package org.zentoo.binhost;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Where a binhost partition is published: paths are relative to the partition's directory there. */
public interface BinhostTarget {

    /** The file's content, or empty when the target has none. */
    Optional<byte[]> get(String path) throws IOException;

    /** Makes the directory (its parents first); one that exists is fine. */
    void mkdir(String path) throws IOException;

    /** Stores {@code file} at {@code path}, replacing what is there. */
    void put(String path, Path file) throws IOException;

    /** For messages: the partition's URL. */
    String describe();
}
