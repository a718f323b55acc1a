package org.zentoo.seed;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/** A mirror on 127.0.0.1 serving a signed stage, keys made for the run, and helpers to inspect the cache. */
abstract class MirrorTestBase {

    static final String TARBALL = "/releases/amd64/autobuilds/" + StageFixture.NAME;

    // Made once per test JVM and shared by every test class: RSA key generation is the slowest step.
    static final TestKey releaseKey = TestKey.generate("Test Release Engineering <releng@example.org>");
    static final TestKey otherKey = TestKey.generate("Somebody Else <else@example.org>");
    static final byte[] tarball = StageFixture.tarball();

    @TempDir
    Path temp;

    StageServer server;
    Path cache;
    Path keyring;
    final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void startMirror() throws IOException {
        server = new StageServer();
        publish(tarball, StageFixture.digests(tarball), releaseKey.signDetached(tarball));
        cache = temp.resolve("cache");
        keyring = Files.write(temp.resolve("release-key.asc"), TestKey.armoredKeyring(releaseKey, otherKey));
    }

    @AfterEach
    void stopMirror() throws InterruptedException {
        server.close();
    }

    void publish(byte[] stage, String digests, byte[] signature) {
        server.put(TARBALL, stage);
        server.put(TARBALL + ".DIGESTS", digests.getBytes(StandardCharsets.UTF_8));
        server.put(TARBALL + ".asc", signature);
    }

    FetchOptions options() {
        return new FetchOptions()
                .cacheDirectory(cache)
                .keyring(keyring)
                .trustedFingerprints(Set.of(releaseKey.fingerprint()))
                .connectTimeout(Duration.ofSeconds(5))
                .idleTimeout(Duration.ofSeconds(5))
                .attempts(3)
                .retryPause(Duration.ZERO)
                .warnings(warnings::add);
    }

    static TarballSeedFetcher fetcher(FetchOptions options) {
        return new TarballSeedFetcher(options);
    }

    TarballSeed remoteSeed() throws SeedException {
        return (TarballSeed) SeedReference.parse(server.url(TARBALL).toString());
    }

    static Path writeLocalSeed(Path directory, byte[] stage, String digests, byte[] signature) throws IOException {
        Files.createDirectories(directory);
        Path local = Files.write(directory.resolve(StageFixture.NAME), stage);
        Files.writeString(directory.resolve(StageFixture.NAME + ".DIGESTS"), digests);
        if (signature != null) {
            Files.write(directory.resolve(StageFixture.NAME + ".asc"), signature);
        }
        return local;
    }

    /** Seeds and their records at the top of the cache. */
    List<Path> cachedSeeds() throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.getFileName().toString().startsWith("sha512-")).toList();
        }
    }

    /** Files left in the download area, ignoring the per-URL lock files. */
    List<Path> leftoverDownloads() throws IOException {
        return list(cache.resolve("downloads"), "").stream()
                .filter(p -> !p.getFileName().toString().endsWith(".lock")).toList();
    }

    static List<Path> list(Path directory, String prefix) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
