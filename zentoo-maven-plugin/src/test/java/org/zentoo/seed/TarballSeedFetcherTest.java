package org.zentoo.seed;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fetcher against a real HTTP server on 127.0.0.1, with keys generated for the run. */
class TarballSeedFetcherTest {

    private static final String TARBALL = "/releases/amd64/autobuilds/" + StageFixture.NAME;

    private static TestKey releaseKey;
    private static TestKey otherKey;
    private static byte[] tarball;

    @TempDir
    Path temp;

    private StageServer server;
    private Path cache;
    private Path keyring;
    private final List<String> warnings = new ArrayList<>();

    @BeforeAll
    static void makeKeysAndStage() {
        releaseKey = TestKey.generate("Test Release Engineering <releng@example.org>");
        otherKey = TestKey.generate("Somebody Else <else@example.org>");
        tarball = StageFixture.tarball();
    }

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

    @Test
    void goodSeedIsVerifiedAndStoredUnderItsDigest() throws Exception {
        VerifiedSeed seed = fetcher(options()).fetch(remoteSeed());

        String sha512 = StageFixture.sha512(tarball);
        assertEquals(cache.resolve("sha512-" + sha512 + ".tar.xz"), seed.tarball());
        assertArrayEquals(tarball, Files.readAllBytes(seed.tarball()));
        assertEquals(sha512, seed.sha512());
        assertEquals(Optional.of(releaseKey.fingerprint()), seed.signer());
        assertTrue(seed.downloaded());
        Properties info = properties(cache.resolve("sha512-" + sha512 + ".properties"));
        assertEquals(server.url(TARBALL).toString(), info.getProperty("source"));
        assertEquals(releaseKey.fingerprint(), info.getProperty("signer"));
        assertEquals(List.of(), leftoverDownloads());
    }

    @Test
    void secondFetchOfTheSameUrlMakesNoRequest() throws Exception {
        fetcher(options()).fetch(remoteSeed());
        int requestsAfterFirst = server.requests().size();

        VerifiedSeed again = fetcher(options()).fetch(remoteSeed());

        assertEquals(requestsAfterFirst, server.requests().size());
        assertFalse(again.downloaded());
        assertEquals(StageFixture.sha512(tarball), again.sha512());
    }

    @Test
    void cutConnectionIsResumedWithRangeWithinOneFetch() throws Exception {
        server.cutAfter(TARBALL, 100_000, 1);

        VerifiedSeed seed = fetcher(options()).fetch(remoteSeed());

        assertArrayEquals(tarball, Files.readAllBytes(seed.tarball()));
        List<StageServer.Request> requests = server.requestsFor(TARBALL);
        assertEquals(2, requests.size());
        assertEquals(null, requests.get(0).range());
        assertEquals("bytes=100000-", requests.get(1).range());
    }

    @Test
    void interruptedDownloadLeavesOnlyAPartFileAndTheNextFetchResumes() throws Exception {
        server.cutAfter(TARBALL, 150_000, 1);

        SeedException failed = assertThrows(SeedException.class, () -> fetcher(options().attempts(1)).fetch(remoteSeed()));
        assertEquals(SeedException.Problem.DOWNLOAD_FAILED, failed.problem());
        assertEquals(List.of(), cachedSeeds());
        assertTrue(leftoverDownloads().stream().anyMatch(p -> p.getFileName().toString().endsWith(".part")));

        VerifiedSeed seed = fetcher(options()).fetch(remoteSeed());

        assertArrayEquals(tarball, Files.readAllBytes(seed.tarball()));
        assertEquals("bytes=150000-", server.requestsFor(TARBALL).get(1).range());
    }

    @Test
    void silentServerIsGivenUpAfterTheIdleTimeoutAndResumed() throws Exception {
        server.stallAfter(TARBALL, 50_000, 5_000);

        VerifiedSeed seed = fetcher(options().idleTimeout(Duration.ofMillis(400))).fetch(remoteSeed());

        assertArrayEquals(tarball, Files.readAllBytes(seed.tarball()));
        assertEquals("bytes=50000-", server.requestsFor(TARBALL).get(1).range());
    }

    @Test
    void slowButSteadyTransferIsNotCutByTheIdleTimeout() throws Exception {
        server.trickle(TARBALL, 32 * 1024, 120);

        VerifiedSeed seed = fetcher(options().idleTimeout(Duration.ofMillis(500))).fetch(remoteSeed());

        assertArrayEquals(tarball, Files.readAllBytes(seed.tarball()));
        assertEquals(1, server.requestsFor(TARBALL).size());
    }

    @Test
    void serverErrorsAreRetriedABoundedNumberOfTimes() throws Exception {
        server.failWith(TARBALL, 503, 2);

        VerifiedSeed seed = fetcher(options().attempts(3)).fetch(remoteSeed());

        assertArrayEquals(tarball, Files.readAllBytes(seed.tarball()));
        assertEquals(3, server.requestsFor(TARBALL).size());
    }

    @Test
    void persistentServerErrorGivesUpAfterTheLastAttempt() throws Exception {
        server.failWith(TARBALL, 503, 10);

        SeedException failed = assertThrows(SeedException.class, () -> fetcher(options().attempts(2)).fetch(remoteSeed()));

        assertEquals(SeedException.Problem.DOWNLOAD_FAILED, failed.problem());
        assertTrue(failed.getMessage().contains("HTTP 503"), failed.getMessage());
        assertEquals(2, server.requestsFor(TARBALL).size());
        assertEquals(List.of(), cachedSeeds());
    }

    @Test
    void closedPortFailsAfterBoundedAttemptsNamingTheUrl() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/stage3.tar.xz";

        SeedException failed = assertThrows(SeedException.class,
                () -> fetcher(options().attempts(2)).fetch((TarballSeed) SeedReference.parse(url)));

        assertEquals(SeedException.Problem.DOWNLOAD_FAILED, failed.problem());
        assertTrue(failed.getMessage().contains(url + ".DIGESTS"), failed.getMessage());
    }

    @Test
    void flippedByteFailsTheSha512CheckAndLeavesNothingInTheCache() throws Exception {
        byte[] changed = tarball.clone();
        changed[changed.length / 2] ^= 1;
        server.put(TARBALL, changed);

        SeedException refused = assertThrows(SeedException.class, () -> fetcher(options()).fetch(remoteSeed()));

        assertEquals(SeedException.Problem.DIGEST_MISMATCH, refused.problem());
        assertTrue(refused.getMessage().contains(StageFixture.sha512(tarball)), refused.getMessage());
        assertTrue(refused.getMessage().contains(StageFixture.sha512(changed)), refused.getMessage());
        assertTrue(refused.getMessage().contains(TARBALL + ".DIGESTS"), refused.getMessage());
        assertEquals(List.of(), cachedSeeds());
        assertEquals(List.of(), leftoverDownloads());
    }

    @Test
    void signatureOverOtherDataIsRefused() throws Exception {
        server.put(TARBALL + ".asc", releaseKey.signDetached("something else".getBytes(StandardCharsets.UTF_8)));

        SeedException refused = assertThrows(SeedException.class, () -> fetcher(options()).fetch(remoteSeed()));

        assertEquals(SeedException.Problem.SIGNATURE_INVALID, refused.problem());
        assertTrue(refused.getMessage().contains(TARBALL + ".asc"), refused.getMessage());
        assertEquals(List.of(), cachedSeeds());
        assertEquals(List.of(), leftoverDownloads());
    }

    @Test
    void signatureByAKeyWithAnotherFingerprintIsRefused() throws Exception {
        server.put(TARBALL + ".asc", otherKey.signDetached(tarball));

        SeedException refused = assertThrows(SeedException.class, () -> fetcher(options()).fetch(remoteSeed()));

        assertEquals(SeedException.Problem.UNTRUSTED_SIGNER, refused.problem());
        assertTrue(refused.getMessage().contains(otherKey.fingerprint()), refused.getMessage());
        assertTrue(refused.getMessage().contains(releaseKey.fingerprint()), refused.getMessage());
        assertEquals(List.of(), cachedSeeds());
    }

    @Test
    void signatureByAKeyOutsideTheKeyringIsRefused() throws Exception {
        Files.write(keyring, TestKey.armoredKeyring(releaseKey));
        server.put(TARBALL + ".asc", otherKey.signDetached(tarball));

        SeedException refused = assertThrows(SeedException.class, () -> fetcher(options()).fetch(remoteSeed()));

        assertEquals(SeedException.Problem.UNTRUSTED_SIGNER, refused.problem());
        assertTrue(refused.getMessage().contains("does not hold"), refused.getMessage());
    }

    @Test
    void signatureMadeAfterTheSigningKeyExpiredIsRefused() throws Exception {
        TestKey expired = TestKey.generate("Expired Release Key <old@example.org>", 60);
        Files.write(keyring, TestKey.armoredKeyring(expired));
        server.put(TARBALL + ".asc", expired.signDetached(tarball));

        SeedException refused = assertThrows(SeedException.class, () -> fetcher(options()
                .trustedFingerprints(Set.of(expired.fingerprint()))).fetch(remoteSeed()));

        assertEquals(SeedException.Problem.UNTRUSTED_SIGNER, refused.problem());
        assertTrue(refused.getMessage().contains("expired"), refused.getMessage());
    }

    @Test
    void signedTarballWithAnEntryClimbingOutIsRefusedAndNotCached() throws Exception {
        byte[] evil = StageFixture.tarball(StageFixture.file("../../etc/cron.d/evil"));
        publish(evil, StageFixture.digests(evil), releaseKey.signDetached(evil));

        SeedException refused = assertThrows(SeedException.class, () -> fetcher(options()).fetch(remoteSeed()));

        assertEquals(SeedException.Problem.UNSAFE_TARBALL, refused.problem());
        assertTrue(refused.getMessage().contains("../../etc/cron.d/evil"), refused.getMessage());
        assertEquals(List.of(), cachedSeeds());
        assertEquals(List.of(), leftoverDownloads());
    }

    @Test
    void officialGentooFingerprintIsTheDefaultTrust() throws Exception {
        SeedException refused = assertThrows(SeedException.class,
                () -> fetcher(new FetchOptions().cacheDirectory(cache).keyring(keyring).retryPause(Duration.ZERO))
                        .fetch(remoteSeed()));

        assertEquals(SeedException.Problem.UNTRUSTED_SIGNER, refused.problem());
        assertTrue(refused.getMessage().contains(FetchOptions.GENTOO_RELEASE_KEY), refused.getMessage());
    }

    @Test
    void missingSignatureIsRefused() throws Exception {
        server.remove(TARBALL + ".asc");

        SeedException refused = assertThrows(SeedException.class, () -> fetcher(options()).fetch(remoteSeed()));

        assertEquals(SeedException.Problem.SIGNATURE_MISSING, refused.problem());
        assertTrue(refused.getMessage().contains(TARBALL + ".asc"), refused.getMessage());
        assertEquals(0, server.requestsFor(TARBALL).size(), "the tarball is not fetched when its signature is missing");
    }

    @Test
    void missingSignatureIsAcceptedWithALoudWarningWhenInsecure() throws Exception {
        server.remove(TARBALL + ".asc");

        VerifiedSeed seed = fetcher(options().insecure(true)).fetch(remoteSeed());

        assertEquals(Optional.empty(), seed.signer());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("SIGNATURE CHECK SKIPPED")), warnings.toString());
    }

    @Test
    void insecureCacheEntryIsNotReusedWhenSignaturesAreChecked() throws Exception {
        fetcher(options().insecure(true)).fetch(remoteSeed());
        int before = server.requestsFor(TARBALL).size();

        VerifiedSeed seed = fetcher(options()).fetch(remoteSeed());

        assertEquals(before + 1, server.requestsFor(TARBALL).size());
        assertEquals(Optional.of(releaseKey.fingerprint()), seed.signer());
    }

    @Test
    void clearsignedDigestsIsVerifiedAndRead() throws Exception {
        server.put(TARBALL + ".DIGESTS", releaseKey.clearSign(StageFixture.digests(tarball)).getBytes(StandardCharsets.UTF_8));

        VerifiedSeed seed = fetcher(options()).fetch(remoteSeed());

        assertEquals(StageFixture.sha512(tarball), seed.sha512());
    }

    @Test
    void clearsignedDigestsChangedAfterSigningIsRefused() throws Exception {
        String signed = releaseKey.clearSign(StageFixture.digests(tarball));
        server.put(TARBALL + ".DIGESTS", signed.replace("b".repeat(128), "d".repeat(128)).getBytes(StandardCharsets.UTF_8));

        SeedException refused = assertThrows(SeedException.class, () -> fetcher(options()).fetch(remoteSeed()));

        assertEquals(SeedException.Problem.SIGNATURE_INVALID, refused.problem());
        assertTrue(refused.getMessage().contains(TARBALL + ".DIGESTS"), refused.getMessage());
    }

    @Test
    void digestsWithoutTheTarballIsRefused() throws Exception {
        server.put(TARBALL + ".DIGESTS", ("# SHA512 HASH\n" + "a".repeat(128) + "  other.tar.xz\n").getBytes(StandardCharsets.UTF_8));

        SeedException refused = assertThrows(SeedException.class, () -> fetcher(options()).fetch(remoteSeed()));

        assertEquals(SeedException.Problem.DIGESTS_UNUSABLE, refused.problem());
        assertTrue(refused.getMessage().contains(StageFixture.NAME), refused.getMessage());
    }

    @Test
    void missingTarballIsReportedAsNotFound() throws Exception {
        server.remove(TARBALL);

        SeedException refused = assertThrows(SeedException.class, () -> fetcher(options()).fetch(remoteSeed()));

        assertEquals(SeedException.Problem.NOT_FOUND, refused.problem());
        assertEquals(1, server.requestsFor(TARBALL).size(), "a 404 is not retried");
    }

    @Test
    void fileSeedIsVerifiedWhereItIs() throws Exception {
        Path site = Files.createDirectories(temp.resolve("site"));
        Path local = writeLocalSeed(site.resolve("seeds"), tarball, StageFixture.digests(tarball),
                releaseKey.signDetached(tarball));

        VerifiedSeed seed = fetcher(options().baseDirectory(site))
                .fetch((TarballSeed) SeedReference.parse("file:seeds/" + StageFixture.NAME));

        assertEquals(local, seed.tarball());
        assertEquals(Optional.of(releaseKey.fingerprint()), seed.signer());
        assertFalse(seed.downloaded());
        assertEquals(List.of(), cachedSeeds(), "a file: seed is not copied into the cache");
        assertEquals(List.of(), server.requests());
    }

    @Test
    void badFileSeedIsRefusedAndKeptAsTheUserLeftIt() throws Exception {
        byte[] changed = tarball.clone();
        changed[10] ^= 1;
        Path local = writeLocalSeed(temp.resolve("seeds"), changed, StageFixture.digests(tarball),
                releaseKey.signDetached(tarball));

        SeedException refused = assertThrows(SeedException.class,
                () -> fetcher(options()).fetch((TarballSeed) SeedReference.parse("file:" + local)));

        assertEquals(SeedException.Problem.DIGEST_MISMATCH, refused.problem());
        assertArrayEquals(changed, Files.readAllBytes(local));
    }

    @Test
    void unsafeFileSeedIsRefusedEveryTime() throws Exception {
        byte[] evil = StageFixture.tarball(StageFixture.symlink("etc/shadow-link", "../../../etc/shadow"));
        Path local = writeLocalSeed(temp.resolve("seeds"), evil, StageFixture.digests(evil), releaseKey.signDetached(evil));
        TarballSeed seed = (TarballSeed) SeedReference.parse("file:" + local);

        for (int attempt = 0; attempt < 2; attempt++) {
            SeedException refused = assertThrows(SeedException.class, () -> fetcher(options()).fetch(seed));
            assertEquals(SeedException.Problem.UNSAFE_TARBALL, refused.problem());
        }
        assertTrue(Files.exists(local), "the user's file stays");
    }

    @Test
    void fileSeedWithoutSignatureIsRefused() throws Exception {
        Path local = writeLocalSeed(temp.resolve("seeds"), tarball, StageFixture.digests(tarball), null);

        SeedException refused = assertThrows(SeedException.class,
                () -> fetcher(options()).fetch((TarballSeed) SeedReference.parse("file://" + local)));

        assertEquals(SeedException.Problem.SIGNATURE_MISSING, refused.problem());
        assertTrue(refused.getMessage().contains(local + ".asc"), refused.getMessage());
    }

    @Test
    void offlineWithoutACachedCopyFailsClearlyAndMakesNoRequest() {
        SeedException refused = assertThrows(SeedException.class,
                () -> fetcher(options().offline(true)).fetch(remoteSeed()));

        assertEquals(SeedException.Problem.NOT_CACHED_OFFLINE, refused.problem());
        assertTrue(refused.getMessage().contains(server.url(TARBALL).toString()), refused.getMessage());
        assertEquals(List.of(), server.requests());
    }

    @Test
    void offlineUsesTheCachedCopy() throws Exception {
        fetcher(options()).fetch(remoteSeed());
        int before = server.requests().size();

        VerifiedSeed seed = fetcher(options().offline(true)).fetch(remoteSeed());

        assertEquals(before, server.requests().size());
        assertEquals(StageFixture.sha512(tarball), seed.sha512());
    }

    @Test
    void corruptedCacheEntryIsFetchedAgain() throws Exception {
        VerifiedSeed first = fetcher(options()).fetch(remoteSeed());
        Files.write(first.tarball(), new byte[] {1, 2, 3});

        VerifiedSeed second = fetcher(options()).fetch(remoteSeed());

        assertTrue(second.downloaded());
        assertArrayEquals(tarball, Files.readAllBytes(second.tarball()));
    }

    @Test
    void missingKeyringIsNamed() {
        Path absent = temp.resolve("no-such-keyring.asc");

        SeedException refused = assertThrows(SeedException.class,
                () -> fetcher(options().keyring(absent)).fetch(remoteSeed()));

        assertEquals(SeedException.Problem.KEYRING_UNUSABLE, refused.problem());
        assertTrue(refused.getMessage().contains(absent.toString()), refused.getMessage());
    }

    private void publish(byte[] stage, String digests, byte[] signature) {
        server.put(TARBALL, stage);
        server.put(TARBALL + ".DIGESTS", digests.getBytes(StandardCharsets.UTF_8));
        server.put(TARBALL + ".asc", signature);
    }

    private FetchOptions options() {
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

    private static TarballSeedFetcher fetcher(FetchOptions options) {
        return new TarballSeedFetcher(options);
    }

    private TarballSeed remoteSeed() throws SeedException {
        return (TarballSeed) SeedReference.parse(server.url(TARBALL).toString());
    }

    private static Path writeLocalSeed(Path directory, byte[] stage, String digests, byte[] signature) throws IOException {
        Files.createDirectories(directory);
        Path local = Files.write(directory.resolve(StageFixture.NAME), stage);
        Files.writeString(directory.resolve(StageFixture.NAME + ".DIGESTS"), digests);
        if (signature != null) {
            Files.write(directory.resolve(StageFixture.NAME + ".asc"), signature);
        }
        return local;
    }

    /** Seeds and their records at the top of the cache. */
    private List<Path> cachedSeeds() throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.getFileName().toString().startsWith("sha512-")).toList();
        }
    }

    /** Files left in the download area, ignoring the per-URL lock files. */
    private List<Path> leftoverDownloads() throws IOException {
        return list(cache.resolve("downloads"), "").stream()
                .filter(p -> !p.getFileName().toString().endsWith(".lock")).toList();
    }

    private static List<Path> list(Path directory, String prefix) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
