package org.zentoo.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compresses its input in fixed-size blocks on several threads and writes the results
 * in input order. Each block is compressed on its own, so block boundaries, and with
 * them the output bytes, depend only on the block size and the input, never on the
 * thread count or on timing. That is what keeps a parallel pack reproducible.
 *
 * <p>Memory is bounded: at most {@code threads + 1} blocks are in flight, each one
 * input buffer plus its compressed result. {@link #flush()} does not cut a block
 * (that would make the output depend on who flushes when); only {@link #close()} ends
 * the last, short block. After a failure every later call throws; {@code close()}
 * still stops the worker threads.
 */
final class ParallelBlockOutputStream extends OutputStream {

    /** Compresses one block into a unit a decoder reads on its own and after others (an xz stream). */
    @FunctionalInterface
    interface BlockEncoder {
        void encode(byte[] block, int length, OutputStream out) throws IOException;
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final OutputStream out;
    private final BlockEncoder encoder;
    private final int blockSize;
    private final int maxInFlight;
    private final ExecutorService workers;
    private final Deque<Future<Compressed>> inFlight = new ArrayDeque<>();
    private final Deque<byte[]> spareBuffers = new ArrayDeque<>();
    private byte[] block;
    private int filled;
    private boolean anyBlock;
    private IOException failure;
    private boolean closed;

    private record Compressed(byte[] input, ByteArrayOutputStream output) {
    }

    ParallelBlockOutputStream(OutputStream out, int blockSize, int threads, String name, BlockEncoder encoder) {
        if (blockSize <= 0 || threads <= 0) {
            throw new IllegalArgumentException("block size " + blockSize + " and threads " + threads + " must be positive");
        }
        this.out = out;
        this.encoder = encoder;
        this.blockSize = blockSize;
        this.maxInFlight = threads + 1;
        this.workers = Executors.newFixedThreadPool(threads, daemonThreads(name + "-" + POOLS.incrementAndGet()));
        this.block = new byte[blockSize];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        checkOpen();
        while (len > 0) {
            int n = Math.min(len, blockSize - filled);
            System.arraycopy(b, off, block, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == blockSize) {
                submitBlock();
            }
        }
    }

    /** Deliberately does not end a block; see the class comment. */
    @Override
    public void flush() throws IOException {
        checkOpen();
    }

    /** Compresses the last block, writes everything in order and closes the target; frees the threads whatever happens. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failure != null) {
                throw failure;
            }
            // an empty input still gets one (empty) block, so the result is a valid compressed file
            if (filled > 0 || !anyBlock) {
                submitBlock();
            }
            while (!inFlight.isEmpty()) {
                writeOldest();
            }
            out.close();
        } finally {
            inFlight.forEach(f -> f.cancel(true));
            workers.shutdownNow();
        }
    }

    private void submitBlock() throws IOException {
        while (inFlight.size() >= maxInFlight) {
            writeOldest();
        }
        byte[] input = block;
        int length = filled;
        inFlight.add(workers.submit(() -> {
            ByteArrayOutputStream output = new ByteArrayOutputStream(Math.max(1024, length / 4));
            encoder.encode(input, length, output);
            return new Compressed(input, output);
        }));
        anyBlock = true;
        block = spareBuffers.isEmpty() ? new byte[blockSize] : spareBuffers.pop();
        filled = 0;
    }

    private void writeOldest() throws IOException {
        Compressed done = await(inFlight.peek());
        inFlight.pop();
        try {
            done.output().writeTo(out);
        } catch (IOException e) {
            throw failed(e);
        }
        spareBuffers.push(done.input());
    }

    private Compressed await(Future<Compressed> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(new InterruptedIOException("interrupted while compressing"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                failed(new IOException("compression failed: " + error, error));
                throw error;
            }
            throw failed(cause instanceof IOException io ? io : new IOException("compression failed: " + cause, cause));
        }
    }

    private IOException failed(IOException e) {
        failure = e;
        return e;
    }

    private void checkOpen() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw new IOException("stream closed");
        }
    }

    /** Daemon threads, so that a pack the caller abandoned without close() cannot keep the JVM alive. */
    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
