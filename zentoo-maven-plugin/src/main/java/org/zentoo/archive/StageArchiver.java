package org.zentoo.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Packs a stage into a byte-reproducible {@code .tar.xz} or {@code .tar.zst}: the
 * content GNU {@code tar --xattrs --numeric-owner --format=posix --sort=name
 * --clamp-mtime} would write, with nothing that varies between runs. Knows nothing of
 * Maven or Docker; the engine hands it a {@code docker export} stream, a user any
 * root directory.
 *
 * <p>Output is atomic: the final name holds either the complete archive or whatever
 * was there before.
 */
public final class StageArchiver {

    private final ArchiveFormat format;
    private final Instant clamp;
    private final Integer level;
    private final Predicate<TarEntry> excluded;
    private final int threads;
    private final boolean systemXz;
    private final Duration progressInterval;
    private final Consumer<String> progress;
    private final boolean rootOwned;

    /** How often a pack says how far it has got, unless told otherwise. */
    public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

    /**
     * @param format compression, or null to choose it from each output's file name
     * @param clamp  mtimes later than this become this (reproducible builds'
     *               SOURCE_DATE_EPOCH); null keeps mtimes as they are
     */
    /**
     * What decides the bytes it writes besides the tree: format, level, clamp and
     * compressor. A tarball packed with other settings is another tarball.
     */
    public String settings() {
        return format.extension().substring(1) + " level " + (level == null ? format.defaultLevel() : level)
                + format.parameters()
                + " clamp " + (clamp == null ? "none" : clamp.toString()) + " compressor "
                + (systemXz ? "system" : "java");
    }

    /** The format it writes; its extension names the tarballs. */
    public ArchiveFormat format() {
        return format;
    }

    public StageArchiver(ArchiveFormat format, Instant clamp) {
        this(format, clamp, null);
    }

    /** @param level compression level, or null for the format's default */
    public StageArchiver(ArchiveFormat format, Instant clamp, Integer level) {
        this(format, clamp, level, entry -> false, ArchiveFormat.defaultThreads(), false, PROGRESS_INTERVAL, null,
                false);
    }

    private StageArchiver(ArchiveFormat format, Instant clamp, Integer level, Predicate<TarEntry> excluded,
                          int threads, boolean systemXz, Duration progressInterval, Consumer<String> progress,
                          boolean rootOwned) {
        this.format = format;
        this.clamp = clamp;
        this.level = level;
        this.excluded = excluded;
        this.threads = ArchiveFormat.checkedThreads(threads);
        this.systemXz = systemXz;
        this.progressInterval = progressInterval;
        this.progress = progress;
        this.rootOwned = rootOwned;
    }

    /**
     * A copy that also leaves out every entry {@code filter} accepts, e.g.
     * {@link ContainerLeftovers#DOCKER_PLACEHOLDERS}. The filter sees each entry as read,
     * before mtimes are clamped, and a hard-linked file as a file with its data. Leaving
     * out a directory leaves out all below it; leaving out one name of a hard-linked file
     * moves the data to the next name that stays.
     */
    public StageArchiver excluding(Predicate<TarEntry> filter) {
        Objects.requireNonNull(filter, "filter");
        return new StageArchiver(format, clamp, level, excluded.or(filter), threads, systemXz, progressInterval, progress, rootOwned);
    }

    /**
     * A copy that compresses on {@code threads} threads instead of every core, e.g. when
     * several stages are packed at once. The archive's bytes do not change.
     */
    public StageArchiver withThreads(int threads) {
        return new StageArchiver(format, clamp, level, excluded, threads, systemXz, progressInterval, progress, rootOwned);
    }

    /**
     * A copy that writes {@code .tar.xz} through the host's {@code xz} (XZ Utils) with
     * xz's own block size, instead of the Java encoder: about twice as fast per core,
     * but the bytes are then reproducible only on hosts with the same XZ Utils version.
     * {@code .tar.zst} already runs native zstd and is not affected.
     */
    public StageArchiver withSystemXz(boolean useSystemXz) {
        return new StageArchiver(format, clamp, level, excluded, threads, useSystemXz, progressInterval, progress, rootOwned);
    }

    /**
     * A copy that writes every entry as owned by 0:0, whoever owns the files: for
     * archives made from files a user wrote (bug reports), whose bytes must not depend
     * on who packed them. Stages keep their owners.
     */
    public StageArchiver ownedByRoot() {
        return new StageArchiver(format, clamp, level, excluded, threads, systemXz, progressInterval, progress, true);
    }

    /**
     * A copy that hands {@code lines} a progress line (megabytes done, rate, time left)
     * every {@link #PROGRESS_INTERVAL} while it packs. The lines come from another thread.
     */
    public StageArchiver withProgress(Consumer<String> lines) {
        return withProgress(PROGRESS_INTERVAL, lines);
    }

    /** As {@link #withProgress(Consumer)}, every {@code interval}. */
    public StageArchiver withProgress(Duration interval, Consumer<String> lines) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("progress interval must be positive, not " + interval);
        }
        return new StageArchiver(format, clamp, level, excluded, threads, systemXz, interval,
                Objects.requireNonNull(lines, "lines"), rootOwned);
    }

    /**
     * Packs a directory tree, reading security.* xattrs through {@code getfattr} when it is installed.
     *
     * @throws IllegalArgumentException if {@code root} is not a directory
     * @throws IOException              reading the tree or writing {@code out} failed
     */
    public PackResult packDirectory(Path root, Path out) throws IOException {
        Objects.requireNonNull(root, "root");
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("pack root " + root + " is not a directory");
        }
        // like tar -C, a symlink naming the root is followed; links inside it are not
        Path realRoot = root.toRealPath();
        Path outDir = out.toAbsolutePath().getParent();
        if (Files.isDirectory(outDir) && outDir.toRealPath().startsWith(realRoot)) {
            throw new IllegalArgumentException("output " + out + " lies inside the pack root " + root
                    + ": the archive would pack itself");
        }
        return pack(out, (sink, warnings, progress) -> {
            if (progress != null) {
                sink.expect(dataBytes(realRoot));
            }
            DirectorySource.walk(realRoot, excluded, sink, warnings);
        });
    }

    /**
     * Packs the entries of a tar stream (e.g. {@code docker export}), whatever their
     * order. File data is spooled to a temp file beside {@code out}, so that directory
     * needs room for the stage twice over. The stream is not closed.
     *
     * @throws MalformedTarException the stream is not tar, or holds sparse files or a hard link to nothing
     */
    public PackResult packTarStream(InputStream tar, Path out) throws IOException {
        Objects.requireNonNull(tar, "tar");
        Path dir = out.toAbsolutePath().getParent();
        return pack(out, (sink, warnings, progress) -> TarStreamSource.read(
                progress == null ? tar : new CountingInputStream(tar, progress::read), dir,
                out.getFileName() + ".spool-", excluded, sink));
    }

    /**
     * {@link #packTarStream(InputStream, Path)} of a root given as layers, each read to its end
     * in turn: a name in a later layer replaces the same name in an earlier one.
     */
    public PackResult packTarLayers(List<TarLayer> layers, Path out) throws IOException {
        Objects.requireNonNull(layers, "layers");
        Path dir = out.toAbsolutePath().getParent();
        return pack(out, (sink, warnings, progress) -> TarStreamSource.read(layers.stream()
                        .map(l -> progress == null ? l : new TarLayer(new CountingInputStream(l.tar(), progress::read), l.under()))
                        .toList(), dir, out.getFileName() + ".spool-", excluded, sink));
    }

    private interface Source {
        /** @param progress null when nobody listens */
        void emit(EntrySink sink, Consumer<String> warnings, PackProgress progress) throws IOException;
    }

    /** The file data under a root, each inode once: what a directory pack will write. */
    private static long dataBytes(Path root) throws IOException {
        Set<Object> seen = new HashSet<>();
        long[] bytes = new long[1];
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && (attributes.fileKey() == null || seen.add(attributes.fileKey()))) {
                    bytes[0] += attributes.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // the pack itself reports what it cannot read; an estimate does without it
                return FileVisitResult.CONTINUE;
            }
        });
        return bytes[0];
    }

    private PackResult pack(Path out, Source source) throws IOException {
        ArchiveFormat chosen = format != null ? format : ArchiveFormat.forFile(out);
        List<String> warnings = new ArrayList<>();
        long[] entries = new long[1];
        AtomicOutput.Written written;
        try (PackProgress shown = progress == null ? null
                : PackProgress.every(progressInterval, out.getFileName().toString(), progress)) {
            written = AtomicOutput.write(out, file -> {
                OutputStream compressed = compress(chosen, new BufferedOutputStream(file, 1 << 16));
                boolean finished = false;
                try {
                    TarWriter tar = new TarWriter(compressed);
                    source.emit(new EntrySink() {
                        @Override
                        public void accept(TarEntry entry, InputStream data) throws IOException {
                            tar.write(clamped(entry), data);
                            if (shown != null) {
                                shown.packed(entry.size());
                            }
                        }

                        @Override
                        public void expect(long dataBytes) {
                            if (shown != null) {
                                shown.expect(dataBytes);
                            }
                        }
                    }, warnings::add, shown);
                    tar.finish();
                    compressed.close();
                    finished = true;
                    entries[0] = tar.entries();
                } finally {
                    if (!finished) {
                        closeAfterFailure(compressed);
                    }
                }
            });
        }
        return new PackResult(out, chosen, entries[0], written.bytes(), written.sha256(), warnings);
    }

    private OutputStream compress(ArchiveFormat chosen, OutputStream out) throws IOException {
        int checked = level == null ? chosen.defaultLevel() : chosen.checkedLevel(level);
        return systemXz && chosen == ArchiveFormat.TAR_XZ ? SystemXz.compress(out, checked, threads)
                : chosen.compress(out, checked, threads);
    }

    /**
     * Frees the compressor (zstd holds native memory). It may fail again, and xz then
     * rethrows the very exception already on its way up, so what it throws is dropped.
     */
    private static void closeAfterFailure(OutputStream compressed) {
        try {
            compressed.close();
        } catch (IOException | RuntimeException alreadyReported) {
            // the first failure is the one that explains what went wrong
        }
    }

    private TarEntry clamped(TarEntry entry) {
        if (rootOwned) {
            entry = entry.withOwner(0, 0);
        }
        if (clamp != null && entry.mtime() > clamp.getEpochSecond()) {
            return entry.withMtime(clamp.getEpochSecond());
        }
        return entry;
    }

    /** Lists the entries of a stage written by this class (or any tar.xz / tar.zst), in archive order. */
    public static List<TarEntry> list(Path archive) throws IOException {
        return ArchiveListing.list(archive);
    }
}
