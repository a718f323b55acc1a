package org.zentoo.seed;

import org.zentoo.files.AtomicFile;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The seed cache directory. Verified tarballs live under their digest,
 * {@code sha512-<hex>.tar.xz}, next to {@code sha512-<hex>.properties} naming the
 * URLs they came from and the key that signed them. Unverified bytes never sit
 * there: downloads happen in {@code downloads/<url hash>/} and are moved in only
 * after every check passed.
 */
final class SeedCache {

    private static final String PREFIX = "sha512-";
    private static final String INFO_SUFFIX = ".properties";
    /** Threads of one JVM (a parallel Maven build) queue here; file locks only exclude other processes. */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path directory;

    SeedCache(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    Path directory() {
        return directory;
    }

    /** A seed previously stored for this source URL. */
    record Entry(Path tarball, String sha512, Optional<String> signer) {
    }

    Optional<Entry> lookup(String source) throws IOException {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> infos = Files.newDirectoryStream(directory, PREFIX + "*" + INFO_SUFFIX)) {
            for (Path info : infos) {
                Properties properties = read(info);
                if (Arrays.asList(properties.getProperty("sources", "").split("\\s+")).contains(source)) {
                    String sha512 = properties.getProperty("sha512", "");
                    Path tarball = directory.resolve(PREFIX + sha512 + properties.getProperty("suffix", ""));
                    if (Files.isRegularFile(tarball)) {
                        String signer = properties.getProperty("signer", "");
                        return Optional.of(new Entry(tarball, sha512, signer.isEmpty() ? Optional.empty() : Optional.of(signer)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Removes an entry whose file no longer matches its name; the cache is ours, so this deletes nothing of the user's. */
    void evict(Entry entry) throws IOException {
        Files.deleteIfExists(entry.tarball());
        Files.deleteIfExists(infoFile(entry.sha512()));
    }

    /** True when a tarball with this digest passed {@link TarballContainment} before (cached seeds always did). */
    boolean wasInspected(String sha512) {
        return Files.exists(directory.resolve("inspected").resolve(PREFIX + sha512));
    }

    void markInspected(String sha512) throws IOException {
        Path marker = Files.createDirectories(directory.resolve("inspected")).resolve(PREFIX + sha512);
        if (!Files.exists(marker)) {
            Files.createFile(marker);
        }
    }

    /** The private download area of one source URL. */
    Path stagingDirectory(String source) throws IOException {
        return Files.createDirectories(directory.resolve("downloads").resolve(FileHashes.nameFor(source)));
    }

    /**
     * Moves a verified download to its digest name and records where it came from.
     * The tarball appears under its final name in one atomic rename.
     */
    Entry store(Path verified, String sha512, String suffix, String source, Optional<String> signer) throws IOException {
        Path tarball = directory.resolve(PREFIX + sha512 + suffix);
        if (Files.exists(tarball)) {
            // The same bytes arrived from another URL; the digest says they are identical.
            Files.delete(verified);
        } else {
            Files.move(verified, tarball, StandardCopyOption.ATOMIC_MOVE);
        }
        Path info = infoFile(sha512);
        Properties properties = Files.exists(info) ? read(info) : new Properties();
        List<String> sources = new ArrayList<>(Arrays.asList(properties.getProperty("sources", "").split("\\s+")));
        sources.removeIf(String::isEmpty);
        if (!sources.contains(source)) {
            sources.add(source);
        }
        properties.setProperty("source", sources.get(0));
        properties.setProperty("sources", String.join(" ", sources));
        properties.setProperty("sha512", sha512);
        properties.setProperty("suffix", suffix);
        // A signed entry stays signed; an insecure fetch never downgrades it.
        if (signer.isPresent() || !properties.containsKey("signer")) {
            properties.setProperty("signer", signer.orElse(""));
        }
        writeAtomically(info, properties);
        return new Entry(tarball, sha512, Optional.ofNullable(properties.getProperty("signer"))
                .filter(s -> !s.isEmpty()));
    }

    /** A held lock on one source URL. */
    interface Lock extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /** Holds other threads and processes off one source URL until closed. */
    Lock lock(String source) throws IOException {
        Path lockFile = Files.createDirectories(directory.resolve("downloads")).resolve(FileHashes.nameFor(source) + ".lock");
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, f -> new ReentrantLock());
        jvmLock.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock = channel.lock();
            FileChannel held = channel;
            return () -> {
                try {
                    fileLock.release();
                    held.close();
                } finally {
                    jvmLock.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            jvmLock.unlock();
            throw e;
        }
    }


    private Path infoFile(String sha512) {
        return directory.resolve(PREFIX + sha512 + INFO_SUFFIX);
    }

    private static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static void writeAtomically(Path file, Properties properties) throws IOException {
        AtomicFile.write(file, AtomicFile.OWNER_ONLY, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            properties.store(writer, "Zentoo seed cache entry");
            writer.flush();
        });
    }
}
