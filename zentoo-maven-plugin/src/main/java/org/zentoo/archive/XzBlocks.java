package org.zentoo.archive;

import org.tukaani.xz.ArrayCache;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

import java.io.OutputStream;

/**
 * xz on several threads: the input is cut into blocks of {@link #blockSize(int)}
 * bytes, each compressed into an independent xz stream (LZMA2 at the preset, CRC64),
 * and the streams are concatenated. The xz format allows concatenated streams; xz,
 * GNU tar, busybox and tukaani's reader all decode them as one file.
 *
 * <p>The block size is the one {@code xz -T0} picks itself: three times the preset's
 * dictionary, at least 1 MiB (24 MiB at preset 6). Every block starts with an empty
 * dictionary, so smaller blocks would cost ratio; with this size the loss against one
 * single-threaded stream is the same as xz's own multi-threaded mode.
 */
final class XzBlocks {

    private static final int MIN_BLOCK = 1 << 20;

    /** Each worker reuses its encoder's ~90 MiB of match-finder arrays from block to block instead of reallocating them. */
    private static final ThreadLocal<ArrayCache> CACHE = ThreadLocal.withInitial(BasicArrayCache::new);

    private XzBlocks() {
    }

    static int blockSize(int preset) {
        return Math.max(MIN_BLOCK, 3 * options(preset).getDictSize());
    }

    static OutputStream compress(OutputStream out, int preset, int threads) {
        return compress(out, preset, threads, blockSize(preset));
    }

    /** With any block size; tests use small ones to get many blocks from little data. */
    static OutputStream compress(OutputStream out, int preset, int threads, int blockSize) {
        LZMA2Options options = options(preset);
        int usable = Math.min(threads, threadsThatFit(options, blockSize));
        return new ParallelBlockOutputStream(out, blockSize, usable, "zentoo-xz", (block, length, target) -> {
            XZOutputStream xz = new XZOutputStream(target, options, XZ.CHECK_CRC64, CACHE.get());
            xz.write(block, 0, length);
            xz.finish();
        });
    }

    /**
     * As many threads as fit in half the heap: each holds an encoder and up to two
     * blocks (input and output). The thread count does not change the bytes, so
     * capping it only costs time, never reproducibility.
     */
    static int threadsThatFit(LZMA2Options options, int blockSize) {
        long perThread = options.getEncoderMemoryUsage() * 1024L + 2L * blockSize;
        long budget = Runtime.getRuntime().maxMemory() / 2;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, budget / perThread));
    }

    private static LZMA2Options options(int preset) {
        try {
            return new LZMA2Options(preset);
        } catch (UnsupportedOptionsException e) {
            throw new IllegalArgumentException("xz preset " + preset + ": " + e.getMessage(), e);
        }
    }
}
