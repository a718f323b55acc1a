package org.zentoo.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that its final name only ever holds a complete file: the bytes go
 * to {@code <name>.tmp-<random>} in the same directory (so the rename cannot cross
 * filesystems), are fsynced, get their permissions, and the temp is renamed over the
 * target in one atomic step. Whatever fails, the temp is deleted and the target keeps
 * its old content. The directory must exist.
 */
public final class AtomicFile {

    /** {@code rw-------}: caches and state only this user reads. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** {@code rw-r--r--}: build output anyone may read. */
    public static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    /** What writes the content. Closing the stream it is given is allowed and does not end the write. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    public static void write(Path target, String text, Set<PosixFilePermission> permissions) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8), permissions);
    }

    public static void write(Path target, byte[] bytes, Set<PosixFilePermission> permissions) throws IOException {
        write(target, permissions, out -> out.write(bytes));
    }

    /**
     * Writes what {@code content} writes. An {@link IOException} of the file itself (a
     * full disk, say) names {@code target}; one thrown by {@code content} is passed on as it is.
     */
    public static void write(Path target, Set<PosixFilePermission> permissions, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp;
        try {
            temp = Files.createTempFile(dir, tempPrefix(target), "");
        } catch (IOException e) {
            throw new IOException("cannot create a temporary file for " + target + " in " + dir + ": " + e, e);
        }
        boolean renamed = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new FailureNaming(Channels.newOutputStream(channel), target);
                content.writeTo(out);
                out.flush();
                force(channel, target);
            }
            if (Files.getFileAttributeView(temp, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(temp, permissions);
            }
            move(temp, target);
            renamed = true;
            syncDirectory(dir);
        } finally {
            if (!renamed) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Deletes the temp files that writes of {@code target} by a killed JVM (kill -9,
     * power loss) left behind. Only for a target no other process or thread may be
     * writing at the same time: its temp would go too, and its write fail.
     */
    public static void deleteLeftovers(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        String prefix = tempPrefix(target);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path leftover : files) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private static String tempPrefix(Path target) {
        return target.getFileName() + ".tmp-";
    }

    private static void force(FileChannel channel, Path target) throws IOException {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + temp + " to " + target + " atomically: " + e.getMessage(), e);
        }
    }

    /** Makes the rename itself durable. Some filesystems refuse to fsync a directory; the data is safe anyway. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort, see above
        }
    }

    /** Turns a bare "No space left on device" into an error that names the file being written. */
    private static final class FailureNaming extends OutputStream {
        private final OutputStream out;
        private final Path target;

        FailureNaming(OutputStream out, Path target) {
            this.out = out;
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }

        /** The channel is closed by its owner, after it has been forced to disk. */
        @Override
        public void close() {
        }
    }
}
