package org.zentoo.seed;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.zentoo.files.AtomicFile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Fetched signing keys, one armored file per trusted fingerprint:
 * {@code <cache>/keys/<FINGERPRINT>.asc}. A file is only ever written with a key
 * whose primary fingerprint is its name, and is checked again when read, so a
 * damaged or swapped file is ignored rather than trusted.
 */
final class KeyCache {

    private final Path directory;

    KeyCache(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    Path directory() {
        return directory;
    }

    Optional<PGPPublicKeyRing> read(String fingerprint) throws IOException {
        Path file = file(fingerprint);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return rings(Files.readAllBytes(file)).stream()
                .filter(ring -> fingerprint.equals(SignatureVerifier.fingerprint(ring.getPublicKey()))).findFirst();
    }

    /** Writes atomically, so a concurrent build reads either no file or a whole one. */
    void write(String fingerprint, PGPPublicKeyRing ring) throws IOException {
        Files.createDirectories(directory);
        AtomicFile.write(file(fingerprint), AtomicFile.OWNER_ONLY, out -> {
            try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
                ring.encode(armor);
            }
        });
    }

    /** A scratch file for one download; a dot-file, so it is never mistaken for a cached key. */
    Path scratch() throws IOException {
        Files.createDirectories(directory);
        return Files.createTempFile(directory, ".fetch-", ".part");
    }

    Path file(String fingerprint) {
        return directory.resolve(fingerprint + ".asc");
    }

    /** Armored or binary key material as key rings; what is not a key is an error for the caller to report. */
    static List<PGPPublicKeyRing> rings(byte[] bytes) throws IOException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            List<PGPPublicKeyRing> rings = new ArrayList<>();
            new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator()).forEach(rings::add);
            return rings;
        } catch (PGPException | RuntimeException e) {
            throw new IOException("not OpenPGP public key material: " + e.getMessage(), e);
        }
    }

    /**
     * A key is worth refetching when it can no longer sign: its primary key has
     * expired, or every subkey has. Gentoo extends its keys' expiry and rotates
     * signing subkeys, so an old copy goes stale while the published one is fine.
     */
    static boolean stale(PGPPublicKeyRing ring, long nowMillis) {
        Iterator<PGPPublicKey> keys = ring.getPublicKeys();
        PGPPublicKey primary = keys.next();
        if (expired(primary, nowMillis)) {
            return true;
        }
        boolean anySubkey = false;
        while (keys.hasNext()) {
            anySubkey = true;
            if (!expired(keys.next(), nowMillis)) {
                return false;
            }
        }
        return anySubkey;
    }

    private static boolean expired(PGPPublicKey key, long nowMillis) {
        long valid = key.getValidSeconds();
        return valid > 0 && key.getCreationTime().getTime() + valid * 1000 < nowMillis;
    }
}
