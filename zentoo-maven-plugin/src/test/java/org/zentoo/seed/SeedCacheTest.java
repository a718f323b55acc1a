package org.zentoo.seed;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The digest-named cache: what is stored, when no request is made, offline use, and local seeds. */
class SeedCacheTest extends MirrorTestBase {

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
    void insecureCacheEntryIsNotReusedWhenSignaturesAreChecked() throws Exception {
        fetcher(options().insecure(true)).fetch(remoteSeed());
        int before = server.requestsFor(TARBALL).size();

        VerifiedSeed seed = fetcher(options()).fetch(remoteSeed());

        assertEquals(before + 1, server.requestsFor(TARBALL).size());
        assertEquals(Optional.of(releaseKey.fingerprint()), seed.signer());
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
}
