package org.zentoo.archive;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The compressions a stage can be written with. Each runs with fixed settings on one
 * thread, because multi-threaded xz and zstd split their input by timing-independent
 * but setting-dependent block sizes, and any setting that differs changes the bytes.
 */
public enum ArchiveFormat {

    /** xz, preset 6 (xz's own default) unless told otherwise, CRC64 check: what Gentoo's stage3 tarballs use. */
    TAR_XZ(".tar.xz", 0, 9, 6) {
        @Override
        public OutputStream compress(OutputStream out, int level) throws IOException {
            return new XZOutputStream(out, new LZMA2Options(checkedLevel(level)), XZ.CHECK_CRC64);
        }

        @Override
        public InputStream decompress(InputStream in) throws IOException {
            return new XZInputStream(in);
        }
    },

    /** zstd, level 19 unless told otherwise, one thread, with the frame checksum always on. */
    TAR_ZST(".tar.zst", 1, 19, 19) {
        @Override
        public OutputStream compress(OutputStream out, int level) throws IOException {
            int checked = checkedLevel(level);
            ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(out);
            zstd.setLevel(checked);
            zstd.setWorkers(0);
            zstd.setChecksum(true);
            return zstd;
        }

        @Override
        public InputStream decompress(InputStream in) throws IOException {
            return new ZstdInputStream(in);
        }
    };

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

    /** The level used when none is asked for: xz's own default preset, zstd's strongest ordinary level. */
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

    public abstract OutputStream compress(OutputStream out, int level) throws IOException;

    public abstract InputStream decompress(InputStream in) throws IOException;

    /** The format a file name asks for ({@code .tar.zst}, {@code .tzst}, else xz, the default). */
    public static ArchiveFormat forFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".tar.zst") || name.endsWith(".tzst") ? TAR_ZST : TAR_XZ;
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
