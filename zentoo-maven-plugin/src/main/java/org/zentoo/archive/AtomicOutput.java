package org.zentoo.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes a file so that its final name only ever holds a complete file: the bytes go
 * to {@code <name>.tmp-<random>} in the same directory (so rename cannot cross
 * filesystems), are fsynced, and the temp is renamed over the target. Whatever fails,
 * the temp is deleted.
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
        Path dir = target.toAbsolutePath().getParent();
        String tempPrefix = target.getFileName() + ".tmp-";
        Path temp;
        try {
            deleteLeftovers(dir, tempPrefix);
            temp = Files.createTempFile(dir, tempPrefix, "");
        } catch (IOException e) {
            throw new IOException("cannot create a temporary file for " + target + " in " + dir + ": " + e, e);
        }
        boolean renamed = false;
        try {
            Written written;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                DigestOutputStream digest = new DigestOutputStream(
                        new FailureNaming(Channels.newOutputStream(channel), target), sha256());
                CountingOutputStream counted = new CountingOutputStream(digest);
                content.writeTo(counted);
                counted.flush();
                force(channel, target);
                written = new Written(counted.count(), HexFormat.of().formatHex(digest.getMessageDigest().digest()));
            }
            // createTempFile makes the file private; a published stage is world-readable like any build output.
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            move(temp, target);
            renamed = true;
            syncDirectory(dir);
            return written;
        } finally {
            if (!renamed) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** A JVM killed mid-write (kill -9, power loss) leaves its temp behind; the next write of the same file removes it. */
    private static void deleteLeftovers(Path dir, String tempPrefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(tempPrefix))) {
            for (Path leftover : files) {
                Files.deleteIfExists(leftover);
            }
        }
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
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
