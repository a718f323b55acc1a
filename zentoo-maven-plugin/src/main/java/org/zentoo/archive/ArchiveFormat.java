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

    /** xz preset 6 (xz's own default), CRC64 check: what Gentoo's stage3 tarballs use. */
    TAR_XZ(".tar.xz") {
        @Override
        public OutputStream compress(OutputStream out) throws IOException {
            return new XZOutputStream(out, new LZMA2Options(XZ_PRESET), XZ.CHECK_CRC64);
        }

        @Override
        public InputStream decompress(InputStream in) throws IOException {
            return new XZInputStream(in);
        }
    },

    /** zstd level 19, one thread, with the frame checksum always on. */
    TAR_ZST(".tar.zst") {
        @Override
        public OutputStream compress(OutputStream out) throws IOException {
            ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(out);
            zstd.setLevel(ZSTD_LEVEL);
            zstd.setWorkers(0);
            zstd.setChecksum(true);
            return zstd;
        }

        @Override
        public InputStream decompress(InputStream in) throws IOException {
            return new ZstdInputStream(in);
        }
    };

    static final int XZ_PRESET = 6;
    static final int ZSTD_LEVEL = 19;

    private final String extension;

    ArchiveFormat(String extension) {
        this.extension = extension;
    }

    /** The file name ending this format is known by, e.g. {@code .tar.xz}. */
    public String extension() {
        return extension;
    }

    /** Wraps a stream so that closing the result finishes the compressed stream (and closes {@code out}). */
    public abstract OutputStream compress(OutputStream out) throws IOException;

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
