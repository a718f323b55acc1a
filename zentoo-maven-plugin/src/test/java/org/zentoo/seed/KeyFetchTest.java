package org.zentoo.seed;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seeds checked with no keyring configured: the release key comes from a loopback WKD or keyserver. */
class KeyFetchTest extends MirrorTestBase {

    private static final String ADDRESS = "Releng@Example.org";
    private static final String HASH = KeyServers.localPartHash("releng");
    private static final String ADVANCED = "/advanced/.well-known/openpgpkey/example.org/hu/" + HASH;
    private static final String DIRECT = "/direct/.well-known/openpgpkey/hu/" + HASH;
    private static final String HKPS = "/hkps/pks/lookup";

    private Path keyFile;

    @BeforeEach
    void locateKeyFile() {
        keyFile = cache.resolve("keys").resolve(releaseKey.fingerprint() + ".asc");
    }

    /** Options without a keyring, looking keys up on the loopback server. */
    FetchOptions keyless() {
        return options().keyring(null).keyAddress(ADDRESS)
                .keyServers(new KeyServers(server.url("/advanced"), server.url("/direct"), server.url("/hkps")));
    }

    @Test
    void keyFromTheAdvancedWkdVerifiesAndIsCached() throws Exception {
        server.put(ADVANCED, releaseKey.binary());

        VerifiedSeed seed = fetcher(keyless()).fetch(remoteSeed());

        assertEquals(releaseKey.fingerprint(), seed.signer().orElseThrow());
        assertTrue(Files.isRegularFile(keyFile), "the fetched key is cached under its fingerprint");
        assertEquals(List.of(), server.requestsFor(DIRECT));
        assertEquals(List.of(), server.requestsFor(HKPS));
    }

    @Test
    void endToEndWithTheDirectWkdOnly() throws Exception {
        server.put(DIRECT, releaseKey.binary());

        VerifiedSeed seed = fetcher(keyless()).fetch(remoteSeed());

        assertEquals(releaseKey.fingerprint(), seed.signer().orElseThrow());
        assertEquals(1, server.requestsFor(ADVANCED).size());
        assertEquals(1, cachedSeeds().stream().filter(p -> p.toString().endsWith(".tar.xz")).count());
    }

    @Test
    void wkdMissFallsBackToTheKeyserver() throws Exception {
        server.put(HKPS, TestKey.armoredKeyring(releaseKey));

        VerifiedSeed seed = fetcher(keyless()).fetch(remoteSeed());

        assertEquals(releaseKey.fingerprint(), seed.signer().orElseThrow());
        assertEquals(1, server.requestsFor(ADVANCED).size());
        assertEquals(1, server.requestsFor(DIRECT).size());
        assertEquals(1, server.requestsFor(HKPS).size());
        assertTrue(Files.isRegularFile(keyFile));
    }

    @Test
    void servedKeyWithAnotherFingerprintIsRefused() throws Exception {
        // The uid says releng, like the trusted key's; only the fingerprint counts.
        TestKey impostor = TestKey.generate("Test Release Engineering <releng@example.org>");
        server.put(ADVANCED, impostor.binary());
        server.put(HKPS, TestKey.armoredKeyring(otherKey));

        SeedException refused = assertThrows(SeedException.class, () -> fetcher(keyless()).fetch(remoteSeed()));

        assertEquals(SeedException.Problem.UNTRUSTED_SIGNER, refused.problem());
        String message = refused.getMessage();
        assertTrue(message.contains(impostor.fingerprint()), message);
        assertTrue(message.contains(otherKey.fingerprint()), message);
        assertTrue(message.contains(releaseKey.fingerprint()), message);
        assertTrue(message.contains("zentoo.seed.keyring"), message);
        assertFalse(Files.exists(keyFile));
        assertEquals(List.of(), server.requestsFor(TARBALL), "no tarball is downloaded without a key to check it");
        assertEquals(List.of(), cachedSeeds());
    }

    @Test
    void wrongKeyOnWkdStillFindsTheTrustedOneOnTheKeyserver() throws Exception {
        server.put(ADVANCED, otherKey.binary());
        server.put(HKPS, TestKey.armoredKeyring(otherKey, releaseKey));

        VerifiedSeed seed = fetcher(keyless()).fetch(remoteSeed());

        assertEquals(releaseKey.fingerprint(), seed.signer().orElseThrow());
        assertFalse(Files.exists(keyFile.resolveSibling(otherKey.fingerprint() + ".asc")), "untrusted keys are not kept");
    }

    @Test
    void cachedKeyIsUsedWithoutAnyRequest() throws Exception {
        server.put(ADVANCED, releaseKey.binary());
        fetcher(keyless()).fetch(remoteSeed());
        Path local = writeLocalSeed(temp.resolve("seeds"), tarball, StageFixture.digests(tarball),
                releaseKey.signDetached(tarball));
        int before = server.requests().size();

        VerifiedSeed again = fetcher(keyless()).fetch((TarballSeed) SeedReference.parse("file://" + local));

        assertEquals(releaseKey.fingerprint(), again.signer().orElseThrow());
        assertEquals(before, server.requests().size());
    }

    @Test
    void offlineUsesTheCachedKey() throws Exception {
        server.put(HKPS, TestKey.armoredKeyring(releaseKey));
        fetcher(keyless()).fetch(remoteSeed());
        server.remove(HKPS);
        Path local = writeLocalSeed(temp.resolve("seeds"), tarball, StageFixture.digests(tarball),
                releaseKey.signDetached(tarball));

        VerifiedSeed seed = fetcher(keyless().offline(true)).fetch((TarballSeed) SeedReference.parse("file://" + local));

        assertEquals(releaseKey.fingerprint(), seed.signer().orElseThrow());
    }

    @Test
    void offlineWithoutACachedKeyExplainsWhatToDo() throws Exception {
        Path local = writeLocalSeed(temp.resolve("seeds"), tarball, StageFixture.digests(tarball),
                releaseKey.signDetached(tarball));
        int before = server.requests().size();

        SeedException refused = assertThrows(SeedException.class,
                () -> fetcher(keyless().offline(true)).fetch((TarballSeed) SeedReference.parse("file://" + local)));

        assertEquals(SeedException.Problem.NOT_CACHED_OFFLINE, refused.problem());
        assertTrue(refused.getMessage().contains("run once online or set zentoo.seed.keyring"), refused.getMessage());
        assertTrue(refused.getMessage().contains(releaseKey.fingerprint()), refused.getMessage());
        assertEquals(before, server.requests().size());
    }

    @Test
    void aSwappedCacheFileIsIgnoredAndTheKeyFetchedAgain() throws Exception {
        Files.createDirectories(keyFile.getParent());
        Files.write(keyFile, TestKey.armoredKeyring(otherKey));
        server.put(DIRECT, releaseKey.binary());

        VerifiedSeed seed = fetcher(keyless()).fetch(remoteSeed());

        assertEquals(releaseKey.fingerprint(), seed.signer().orElseThrow());
        assertEquals(1, server.requestsFor(DIRECT).size());
        assertEquals(releaseKey.fingerprint(),
                SignatureVerifier.fingerprint(KeyCache.rings(Files.readAllBytes(keyFile)).get(0).getPublicKey()));
    }

    @Test
    void unreachableKeySourcesAreNamed() throws Exception {
        SeedException refused = assertThrows(SeedException.class, () -> fetcher(keyless()).fetch(remoteSeed()));

        assertEquals(SeedException.Problem.NOT_FOUND, refused.problem());
        assertTrue(refused.getMessage().contains(server.url(DIRECT).toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("search=0x" + releaseKey.fingerprint()), refused.getMessage());
    }
}
