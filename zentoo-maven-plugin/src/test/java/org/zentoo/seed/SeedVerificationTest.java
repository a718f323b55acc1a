package org.zentoo.seed;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refusals: each check that guards a seed, the message it gives, and that nothing bad stays in the cache. */
class SeedVerificationTest extends MirrorTestBase {

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
    void missingKeyringIsNamed() {
        Path absent = temp.resolve("no-such-keyring.asc");

        SeedException refused = assertThrows(SeedException.class,
                () -> fetcher(options().keyring(absent)).fetch(remoteSeed()));

        assertEquals(SeedException.Problem.KEYRING_UNUSABLE, refused.problem());
        assertTrue(refused.getMessage().contains(absent.toString()), refused.getMessage());
    }
}
