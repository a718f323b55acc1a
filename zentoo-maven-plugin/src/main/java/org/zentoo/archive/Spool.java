package org.zentoo.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds file data on disk while a tar stream is being sorted: stages are gigabytes,
 * far more than a heap. The file is unlinked as soon as it is open, so nothing is left
 * behind even if the JVM is killed.
 */
final class Spool implements Closeable {

    private final FileChannel channel;
    private final Path file;
    private final byte[] buffer = new byte[64 * 1024];
    private long end;

    Spool(Path directory, String prefix) throws IOException {
        Path path = Files.createTempFile(directory, prefix, "");
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } finally {
            Files.delete(path);
        }
        file = path;
    }

    /** Appends exactly {@code length} bytes of {@code data} and returns where they start. */
    long append(InputStream data, long length) throws IOException {
        long start = end;
        long left = length;
        while (left > 0) {
            int n = data.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("tar stream ended inside a file's data");
            }
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
            try {
                while (chunk.hasRemaining()) {
                    channel.write(chunk, end + (chunk.position()));
                }
            } catch (IOException e) {
                throw new IOException("cannot spool to " + file + ": " + e.getMessage(), e);
            }
            end += n;
            left -= n;
        }
        return start;
    }

    InputStream read(long start, long length) {
        return new BoundedInputStream(length, "spool file " + file + " is shorter than what was written") {
            private long position = start;

            @Override
            protected int readSome(byte[] b, int off, int len) throws IOException {
                int n = channel.read(ByteBuffer.wrap(b, off, len), position);
                position += Math.max(n, 0);
                return n;
            }
        };
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
