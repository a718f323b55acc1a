package org.zentoo.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;

/**
 * Connects a writer (the daemon sending a tar) to a reader (the archiver) through
 * a pipe, so that a root filesystem of gigabytes never sits in memory or on disk
 * twice. The writer runs on its own thread; its failure is reported to the caller.
 */
public final class StreamPump {

    private StreamPump() {
    }

    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException, EngineException;
    }

    @FunctionalInterface
    public interface Reader {
        void readFrom(InputStream in) throws IOException;
    }

    public static void pipe(String what, Writer writer, Reader reader) throws IOException {
        PipedInputStream in = new PipedInputStream(1 << 20);
        PipedOutputStream out = new PipedOutputStream(in);
        Exception[] failure = new Exception[1];
        Thread pump = new Thread(() -> {
            try (out) {
                writer.writeTo(out);
            } catch (Exception e) {
                failure[0] = e;
            }
        }, "zentoo-pump-" + what);
        pump.start();
        try (in) {
            reader.readFrom(in);
        } finally {
            try {
                pump.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while streaming " + what, e);
            }
        }
        if (failure[0] != null) {
            throw new IOException("streaming " + what + " failed: " + failure[0].getMessage(), failure[0]);
        }
    }
}
