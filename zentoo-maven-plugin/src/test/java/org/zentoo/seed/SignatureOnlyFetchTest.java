package org.zentoo.seed;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tarballs published the way Gentoo's repository snapshots are: a detached
 * {@code .gpgsig} and no DIGESTS. The signature alone vouches for the bytes.
 */
class SignatureOnlyFetchTest extends MirrorTestBase {

    private static final String SNAPSHOT = "/snapshots/gentoo-20260101.tar.xz";

    private FetchOptions snapshotOptions() {
        return options().kind("snapshot").signatureSuffix(".gpgsig").digestsRequired(false);
    }

    private TarballSeed remoteSnapshot() throws SeedException {
        return TarballSeed.parse("SNAPSHOT", server.url(SNAPSHOT).toString());
    }

    @Test
    void aSignedSnapshotIsFetchedOnceAndServedFromTheCacheAfterwards() throws Exception {
        server.put(SNAPSHOT, tarball);
        server.put(SNAPSHOT + ".gpgsig", releaseKey.signDetached(tarball));

        VerifiedSeed first = fetcher(snapshotOptions()).fetch(remoteSnapshot());
        assertEquals(StageFixture.sha512(tarball), first.sha512());
        assertEquals(releaseKey.fingerprint(), first.signer().orElseThrow());
        assertTrue(first.downloaded());
        assertEquals(List.of(), server.requestsFor(SNAPSHOT + ".DIGESTS"), "no DIGESTS is asked for");

        int before = server.requests().size();
        VerifiedSeed again = fetcher(snapshotOptions()).fetch(remoteSnapshot());
        assertEquals(first.tarball(), again.tarball());
        assertEquals(before, server.requests().size(), "the cached snapshot needs no request");
    }

    @Test
    void aChangedSnapshotFailsItsSignatureAndLeavesNothingInTheCache() throws Exception {
        byte[] changed = tarball.clone();
        changed[changed.length / 2] ^= 1;
        server.put(SNAPSHOT, changed);
        server.put(SNAPSHOT + ".gpgsig", releaseKey.signDetached(tarball));

        SeedException refused = assertThrows(SeedException.class, () -> fetcher(snapshotOptions()).fetch(remoteSnapshot()));

        assertEquals(SeedException.Problem.SIGNATURE_INVALID, refused.problem());
        assertTrue(refused.getMessage().contains(".gpgsig"), refused.getMessage());
        assertEquals(List.of(), cachedSeeds());
    }

    @Test
    void aLocalSnapshotWithoutSignatureIsRefusedUnlessInsecure() throws Exception {
        Path local = Files.write(Files.createDirectories(temp.resolve("local")).resolve("overlay.tar.xz"), tarball);
        TarballSeed snapshot = TarballSeed.parse("SNAPSHOT", "file:" + local);

        SeedException refused = assertThrows(SeedException.class, () -> fetcher(snapshotOptions()).fetch(snapshot));
        assertEquals(SeedException.Problem.SIGNATURE_MISSING, refused.problem());
        assertTrue(refused.getMessage().contains("overlay.tar.xz.gpgsig"), refused.getMessage());
        assertTrue(refused.getMessage().contains("zentoo.snapshot.insecure"), refused.getMessage());

        VerifiedSeed insecure = fetcher(snapshotOptions().insecure(true)).fetch(snapshot);
        assertEquals(StageFixture.sha512(tarball), insecure.sha512());
        assertTrue(insecure.signer().isEmpty());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("SIGNATURE CHECK SKIPPED for snapshot")), warnings::toString);
    }

    @Test
    void aLocalSignedSnapshotIsVerifiedInPlace() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("signed"));
        Path local = Files.write(dir.resolve("overlay.tar.xz"), tarball);
        Files.write(dir.resolve("overlay.tar.xz.gpgsig"), releaseKey.signDetached(tarball));

        VerifiedSeed verified = fetcher(snapshotOptions()).fetch(TarballSeed.parse("SNAPSHOT", "file:" + local));

        assertEquals(local, verified.tarball());
        assertEquals(releaseKey.fingerprint(), verified.signer().orElseThrow());
    }
}
