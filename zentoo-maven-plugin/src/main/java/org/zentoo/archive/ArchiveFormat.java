package org.zentoo.archive;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import org.tukaani.xz.XZInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The compressions a stage can be written with. Both use every core and still give
 * the same bytes whatever the thread count: xz compresses fixed-size blocks as
 * independent streams ({@link XzBlocks}); zstd runs its own multi-threaded mode, whose
 * output depends on the level, window and job size but not on the number of workers
 * (checked by {@code ParallelCompressionTest}). A thread count only changes the time taken.
 *
 * <p>{@link #DEFAULT} is zstd: on a 490 MB stage it packs in a fraction of the time of
 * {@code tar | xz -T0 -6} at a size within 10 % of it (docs/benchmarks.md); xz stays
 * for consumers that can only read {@code .tar.xz}.
 */
public enum ArchiveFormat {

    /** xz, preset 6 (xz's own default) unless told otherwise, CRC64 check: what Gentoo's stage3 tarballs use. */
    TAR_XZ(".tar.xz", 0, 9, 6) {
        @Override
        public OutputStream compress(OutputStream out, int level, int threads) {
            return XzBlocks.compress(out, checkedLevel(level), checkedThreads(threads));
        }

        @Override
        public InputStream decompress(InputStream in) throws IOException {
            return new XZInputStream(in);
        }
    },

    /**
     * zstd, level {@value #ZSTD_LEVEL} unless told otherwise, with a 128 MiB window and
     * long-distance matching (a stage repeats itself over more than the default 8 MiB
     * window: 10-15 % smaller at no cost in time) and the frame checksum always on.
     * 128 MiB is the largest window {@code zstd -d}, and so {@code tar --zstd -x}, reads
     * without {@code --long}.
     */
    TAR_ZST(".tar.zst", 1, 19, ArchiveFormat.ZSTD_LEVEL) {
        @Override
        public OutputStream compress(OutputStream out, int level, int threads) throws IOException {
            return zstd(out, checkedLevel(level), checkedThreads(threads), 0);
        }

        @Override
        public InputStream decompress(InputStream in) throws IOException {
            return new ZstdInputStream(in);
        }
    },

    /**
     * gzip, level 6 unless told otherwise, for small archives people open with any tool
     * (bug reports), not for stages. {@link GZIPOutputStream} writes no name and a zero
     * mtime in its header, as {@code gzip -n} does, so the bytes depend on the content only.
     */
    TAR_GZ(".tar.gz", 1, 9, 6) {
        @Override
        public OutputStream compress(OutputStream out, int level, int threads) throws IOException {
            checkedThreads(threads);
            int checked = checkedLevel(level);
            return new GZIPOutputStream(out, 1 << 16) {
                {
                    def.setLevel(checked);
                }
            };
        }

        @Override
        public InputStream decompress(InputStream in) throws IOException {
            return new GZIPInputStream(in);
        }

        @Override
        public boolean forStages() {
            return false;
        }
    };

    /** Whether stages may be written in this format (zentoo.stage.format); gzip is for reports only. */
    public boolean forStages() {
        return true;
    }

    /**
     * zstd in multi-threaded mode even for one thread: single-threaded mode (0 workers)
     * writes other bytes than 1 or more workers, which all agree with each other.
     *
     * @param jobSize bytes per job, 0 for zstd's default for the level; tests use small jobs
     */
    static OutputStream zstd(OutputStream out, int level, int workers, int jobSize) throws IOException {
        ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(out);
        zstd.setLevel(level);
        zstd.setLong(ZSTD_WINDOW_LOG);
        zstd.setWorkers(Math.max(1, workers));
        if (jobSize > 0) {
            zstd.setJobSize(jobSize);
        }
        zstd.setChecksum(true);
        return zstd;
    }

    /** The format of a stage unless {@code zentoo.stage.format} says otherwise. */
    public static final ArchiveFormat DEFAULT = TAR_ZST;

    /** The zstd level a stage gets unless told otherwise, chosen by bench/pack.sh. */
    static final int ZSTD_LEVEL = 12;

    /** log2 of zstd's window: 128 MiB, which decoders accept without being told. */
    static final int ZSTD_WINDOW_LOG = 27;

    private final String extension;
    private final int minLevel;
    private final int maxLevel;
    private final int defaultLevel;

    ArchiveFormat(String extension, int minLevel, int maxLevel, int defaultLevel) {
        this.extension = extension;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
        this.defaultLevel = defaultLevel;
    }

    /** The level used when none is asked for: xz's own default preset; for zstd the measured best trade. */
    public int defaultLevel() {
        return defaultLevel;
    }

    /**
     * A level trades time for size only: any fixed level gives reproducible bytes.
     *
     * @throws IllegalArgumentException outside the format's range
     */
    public int checkedLevel(int level) {
        if (level < minLevel || level > maxLevel) {
            throw new IllegalArgumentException("compression level " + level + " is out of range for "
                    + extension + ": expected " + minLevel + " to " + maxLevel);
        }
        return level;
    }

    /** The file name ending this format is known by, e.g. {@code .tar.xz}. */
    public String extension() {
        return extension;
    }

    /** Wraps a stream so that closing the result finishes the compressed stream (and closes {@code out}). */
    public OutputStream compress(OutputStream out) throws IOException {
        return compress(out, defaultLevel);
    }

    /** As {@link #compress(OutputStream, int, int)} on every available core. */
    public OutputStream compress(OutputStream out, int level) throws IOException {
        return compress(out, level, defaultThreads());
    }

    /**
     * Wraps a stream so that closing the result finishes the compressed stream (and
     * closes {@code out}). The bytes depend on the level only; {@code threads} only
     * changes how fast they come.
     */
    public abstract OutputStream compress(OutputStream out, int level, int threads) throws IOException;

    /** The cores the JVM may use (a container's CPU limit included). */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    static int checkedThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("compression threads must be at least 1, not " + threads);
        }
        return threads;
    }

    public abstract InputStream decompress(InputStream in) throws IOException;

    /** The format a file name asks for ({@code .tar.xz}, {@code .txz}; {@code .tar.zst}, {@code .tzst}; else the default). */
    public static ArchiveFormat forFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".tar.xz") || name.endsWith(".txz") ? TAR_XZ
                : name.endsWith(".tar.zst") || name.endsWith(".tzst") ? TAR_ZST : DEFAULT;
    }

    /** What besides the level decides the bytes, for {@link StageArchiver#settings()}. */
    String parameters() {
        return this == TAR_ZST ? " window 2^" + ZSTD_WINDOW_LOG + " long" : "";
    }

    /**
     * Parses a user's format name: {@code xz}, {@code zst}/{@code zstd}, or the enum name.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ArchiveFormat parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT).replaceFirst("^\\.", "").replaceFirst("^tar[._]", "");
        return switch (v) {
            case "xz", "txz" -> TAR_XZ;
            case "zst", "zstd", "tzst" -> TAR_ZST;
            default -> throw new IllegalArgumentException("unknown archive format '" + value
                    + "'; expected tar.xz or tar.zst");
        };
    }
}
