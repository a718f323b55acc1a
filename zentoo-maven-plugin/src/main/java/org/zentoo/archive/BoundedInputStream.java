package org.zentoo.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** The next {@code length} bytes of some source, as a stream; ending early is an error, not EOF. */
abstract class BoundedInputStream extends InputStream {

    private final String endedEarly;
    private long remaining;

    BoundedInputStream(long length, String endedEarly) {
        this.remaining = length;
        this.endedEarly = endedEarly;
    }

    /** Reads 1 to {@code len} bytes from the source, or returns -1 if it has ended. */
    protected abstract int readSome(byte[] b, int off, int len) throws IOException;

    long remaining() {
        return remaining;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = readSome(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException(endedEarly);
        }
        remaining -= n;
        return n;
    }
}
