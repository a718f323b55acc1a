package org.zentoo.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compresses through the host's {@code xz} (XZ Utils, C) instead of tukaani's Java
 * encoder: faster per core, same container format as xz's own multi-threaded mode.
 *
 * <p>Reproducible only for one XZ Utils version: {@code xz -T+N --block-size=B} gives
 * the same bytes for every N (blocks are independent, their boundaries fixed by B),
 * but another liblzma release may encode a block differently. {@code --no-adjust}
 * makes xz fail rather than fall back to single-threaded mode, whose bytes differ.
 */
final class SystemXz extends OutputStream {

    private final Process process;
    private final OutputStream stdin;
    private final Thread pump;
    private final Path stderr;
    private final OutputStream out;
    private volatile IOException pumpFailure;
    private boolean failed;
    private boolean closed;

    private SystemXz(Process process, Path stderr, OutputStream out) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stderr = stderr;
        this.out = out;
        this.pump = new Thread(this::copyCompressed, "zentoo-system-xz");
        pump.setDaemon(true);
        pump.start();
    }

    static OutputStream compress(OutputStream out, int preset, int threads) throws IOException {
        List<String> command = List.of("xz", "--compress", "--stdout", "--format=xz", "--check=crc64",
                "-" + preset, "--threads=+" + threads, "--block-size=" + XzBlocks.blockSize(preset), "--no-adjust");
        Path stderr = Files.createTempFile("zentoo-xz", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            return new SystemXz(process, stderr, out);
        } catch (IOException e) {
            Files.deleteIfExists(stderr);
            throw new IOException("cannot run the system xz (" + String.join(" ", command) + "): " + e.getMessage(), e);
        }
    }

    private void copyCompressed() {
        try (InputStream compressed = process.getInputStream()) {
            compressed.transferTo(out);
        } catch (IOException e) {
            pumpFailure = e;
            process.destroyForcibly();
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            stdin.write(b, off, len);
        } catch (IOException e) {
            failed = true;
            throw problem(e);
        }
    }

    /** Ends xz's input and waits for it; after a failed write it only stops xz, the archive is lost anyway. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failed) {
                process.destroyForcibly();
            }
            try {
                stdin.close();
            } catch (IOException e) {
                throw problem(e);
            }
            pump.join();
            int exit = process.waitFor();
            if (pumpFailure != null) {
                throw pumpFailure;
            }
            if (exit != 0) {
                throw new IOException("xz exited with " + exit + ": " + errors());
            }
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for xz");
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(stderr);
        }
    }

    /** Writing to xz fails when xz died (a broken pipe); its own message says why. */
    private IOException problem(IOException e) throws IOException {
        if (pumpFailure != null) {
            return pumpFailure;
        }
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return new IOException("xz failed: " + errors() + " (" + e.getMessage() + ")", e);
    }

    private String errors() throws IOException {
        String text = Files.readString(stderr, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "no message" : text;
    }
}
