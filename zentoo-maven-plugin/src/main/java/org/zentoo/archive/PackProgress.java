package org.zentoo.archive;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Says how far a pack has got, so that a stage that takes minutes does not look hung:
 * one plain line per interval with the megabytes of file data done, the rate and, once
 * the total is known, an estimate of the time left. A tar stream is first read into
 * the spool (its total is unknown until the end), then packed; a directory is packed
 * straight away, its total taken from a quick walk beforehand.
 *
 * <p>Lines come from a daemon timer thread, so they keep coming while a compressor
 * holds up the writer.
 */
final class PackProgress implements AutoCloseable {

    private static final double MB = 1_000_000.0;

    private final String name;
    private final Consumer<String> lines;
    private final LongSupplier nanoTime;
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong packed = new AtomicLong();
    private final long started;
    private volatile long total = -1;
    private volatile long packStarted = -1;
    private ScheduledExecutorService timer;

    PackProgress(String name, Consumer<String> lines, LongSupplier nanoTime) {
        this.name = name;
        this.lines = lines;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
    }

    /** Starts a line every {@code interval} until {@link #close()}. */
    static PackProgress every(Duration interval, String name, Consumer<String> lines) {
        PackProgress progress = new PackProgress(name, lines, System::nanoTime);
        progress.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "zentoo-pack-progress");
            thread.setDaemon(true);
            return thread;
        });
        long nanos = interval.toNanos();
        progress.timer.scheduleAtFixedRate(progress::report, nanos, nanos, TimeUnit.NANOSECONDS);
        return progress;
    }

    /** Bytes of a tar stream read into the spool. */
    void read(long bytes) {
        read.addAndGet(bytes);
    }

    /** Packing begins; {@code dataBytes} of file data will pass through {@link #packed}. */
    void expect(long dataBytes) {
        total = dataBytes;
        packStarted = nanoTime.getAsLong();
    }

    /** File data written into the archive. */
    void packed(long dataBytes) {
        packed.addAndGet(dataBytes);
    }

    private void report() {
        lines.accept(line());
    }

    /** What the next report says. */
    String line() {
        long now = nanoTime.getAsLong();
        long packStart = packStarted;
        if (packStart < 0) {
            long bytes = read.get();
            if (bytes == 0) {
                return name + ": preparing the pack";
            }
            return String.format(Locale.ROOT, "%s: reading the stage, %s MB so far, %s MB/s", name, mb(bytes),
                    rate(bytes, now - started));
        }
        long done = packed.get();
        long expected = total;
        double seconds = (now - packStart) / 1e9;
        double perSecond = seconds > 0 ? done / seconds : 0;
        String rate = String.format(Locale.ROOT, "%.1f MB/s", perSecond / MB);
        if (expected <= 0) {
            return name + ": " + mb(done) + " MB packed, " + rate;
        }
        long percent = Math.min(100, done * 100 / expected);
        String left = perSecond > 0 ? "about " + duration((long) Math.ceil(Math.max(0, expected - done) / perSecond))
                + " left" : "estimating the time left";
        return String.format(Locale.ROOT, "%s: %s of %s MB packed (%d %%), %s, %s", name, mb(done), mb(expected),
                percent, rate, left);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f", bytes / MB);
    }

    private static String rate(long bytes, long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos > 0 ? bytes / MB / (nanos / 1e9) : 0.0);
    }

    private static String duration(long seconds) {
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
