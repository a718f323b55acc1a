package org.zentoo.seed;

import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.util.encoders.Hex;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks OpenPGP signatures against a keyring and a set of trusted primary-key
 * fingerprints. Gentoo signs with a subkey of its release key, so trust is
 * decided on the primary key that owns the signing key, and the subkey must be
 * bound to it by a valid binding signature.
 */
final class SignatureVerifier {

    private static final int BUFFER = 64 * 1024;

    /** Where the keys came from, for messages: "keyring FILE" or the fetched-key cache. */
    private final String keySource;
    private final PGPPublicKeyRingCollection keyring;
    private final Set<String> trusted;

    private SignatureVerifier(String keySource, PGPPublicKeyRingCollection keyring, Set<String> trusted) {
        this.keySource = keySource;
        this.keyring = keyring;
        this.trusted = trusted;
    }

    /** Checks against keys obtained elsewhere (fetched and cached); {@code keySource} names them in messages. */
    static SignatureVerifier of(PGPPublicKeyRingCollection keys, String keySource, Set<String> trustedFingerprints) {
        return new SignatureVerifier(keySource, keys, new TreeSet<>(trustedFingerprints));
    }

    /** Reads an armored or binary public keyring, as {@code gpg --export [--armor]} writes it. */
    static SignatureVerifier load(Path keyringFile, Set<String> trustedFingerprints) throws SeedException {
        if (keyringFile == null) {
            throw new SeedException(SeedException.Problem.KEYRING_UNUSABLE,
                    "no keyring is configured to check these signatures; export the signing key"
                            + " (gpg --export --armor " + String.join(" ", trustedFingerprints) + ") to a file and name it");
        }
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(keyringFile))) {
            PGPPublicKeyRingCollection keys = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
            if (keys.size() == 0) {
                throw new SeedException(SeedException.Problem.KEYRING_UNUSABLE,
                        "keyring " + keyringFile + " holds no public keys");
            }
            return new SignatureVerifier("keyring " + keyringFile, keys, new TreeSet<>(trustedFingerprints));
        } catch (NoSuchFileException e) {
            throw new SeedException(SeedException.Problem.KEYRING_UNUSABLE, "keyring " + keyringFile + " does not exist", e);
        } catch (IOException | PGPException e) {
            throw new SeedException(SeedException.Problem.KEYRING_UNUSABLE,
                    "keyring " + keyringFile + " is not an OpenPGP public keyring: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies a detached signature over a file.
     *
     * @return the fingerprint of the trusted primary key that signed
     */
    String verifyDetached(Path data, byte[] signature, String signatureName) throws SeedException {
        return verify(readSignatures(signature, signatureName), signatureName, data.getFileName().toString(), sig -> {
            try (InputStream in = Files.newInputStream(data)) {
                byte[] buffer = new byte[BUFFER];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    sig.update(buffer, 0, n);
                }
            }
        });
    }

    /** Verifies the signature of a cleartext-signed message over its own text. */
    String verifyClearSigned(ClearSignedText message, String name) throws SeedException {
        return verify(readSignatures(message.signatureArmor(), name), name, name,
                sig -> sig.update(message.signedBytes()));
    }

    private interface Feeder {
        void feed(PGPSignature signature) throws IOException;
    }

    private String verify(List<PGPSignature> signatures, String signatureName, String dataName, Feeder data)
            throws SeedException {
        SeedException firstFailure = null;
        for (PGPSignature signature : signatures) {
            try {
                return verifyOne(signature, signatureName, dataName, data);
            } catch (SeedException e) {
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        throw firstFailure;
    }

    private String verifyOne(PGPSignature signature, String signatureName, String dataName, Feeder data)
            throws SeedException {
        if (signature.getSignatureType() != PGPSignature.BINARY_DOCUMENT
                && signature.getSignatureType() != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            throw invalid(signatureName + ": expected a document signature, found signature type "
                    + signature.getSignatureType());
        }
        PGPPublicKey signingKey = keyring.getPublicKey(signature.getKeyID());
        if (signingKey == null) {
            throw untrusted(signatureName + ": signed by key ID " + keyId(signature.getKeyID())
                    + ", which " + keySource + " does not hold; expected a signature by " + trustedText());
        }
        PGPPublicKey primary = keyring.getPublicKeyRing(signature.getKeyID()).getPublicKey();
        try {
            signature.init(new BcPGPContentVerifierBuilderProvider(), signingKey);
            data.feed(signature);
            if (!signature.verify()) {
                throw invalid(signatureName + ": the signature by key " + fingerprint(signingKey)
                        + " does not match " + dataName + "; the file was changed or the signature belongs to another file");
            }
        } catch (PGPException e) {
            throw invalid(signatureName + ": cannot check the signature: " + e.getMessage());
        } catch (IOException e) {
            throw new SeedException(SeedException.Problem.IO_FAILED, "cannot read " + dataName + ": " + e.getMessage(), e);
        }
        String owner = fingerprint(primary);
        if (!trusted.contains(owner)) {
            throw untrusted(signatureName + ": signed by key " + owner + userId(primary) + ", expected "
                    + trustedText());
        }
        checkKeyValidity(primary, signingKey, signature, signatureName);
        return owner;
    }

    private void checkKeyValidity(PGPPublicKey primary, PGPPublicKey signingKey, PGPSignature signature,
            String signatureName) throws SeedException {
        if (primary.hasRevocation() || signingKey.hasRevocation()) {
            throw untrusted(signatureName + ": key " + fingerprint(signingKey) + " is revoked in " + keySource);
        }
        if (signingKey != primary && !isBound(primary, signingKey)) {
            throw untrusted(signatureName + ": subkey " + fingerprint(signingKey) + " carries no valid binding"
                    + " signature from " + fingerprint(primary));
        }
        for (PGPPublicKey key : List.of(primary, signingKey)) {
            checkNotExpired(key, signature, signatureName);
        }
    }

    /** A signature made after its key expired is refused, as gpg does; an old keyring copy is the usual cause. */
    private void checkNotExpired(PGPPublicKey key, PGPSignature signature, String signatureName) throws SeedException {
        long validSeconds = key.getValidSeconds();
        if (validSeconds <= 0) {
            return;
        }
        Date expiry = new Date(key.getCreationTime().getTime() + validSeconds * 1000);
        if (signature.getCreationTime().after(expiry)) {
            throw untrusted(signatureName + ": key " + fingerprint(key) + " expired " + expiry.toInstant()
                    + ", before the signature was made " + signature.getCreationTime().toInstant()
                    + "; refresh " + keySource + " with the key's current export");
        }
    }

    private static boolean isBound(PGPPublicKey primary, PGPPublicKey subkey) {
        Iterator<PGPSignature> bindings = subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING);
        while (bindings.hasNext()) {
            PGPSignature binding = bindings.next();
            try {
                binding.init(new BcPGPContentVerifierBuilderProvider(), primary);
                if (binding.verifyCertification(primary, subkey)) {
                    return true;
                }
            } catch (PGPException e) {
                // A binding that cannot be checked does not bind; another one may.
            }
        }
        return false;
    }

    private static List<PGPSignature> readSignatures(byte[] bytes, String signatureName) throws SeedException {
        List<PGPSignature> signatures = new ArrayList<>();
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            collect(new BcPGPObjectFactory(in), signatures);
        } catch (IOException | PGPException | RuntimeException e) {
            throw invalid(signatureName + ": expected an OpenPGP signature, cannot read it: " + e.getMessage());
        }
        if (signatures.isEmpty()) {
            throw invalid(signatureName + ": expected an OpenPGP signature, found none");
        }
        return signatures;
    }

    private static void collect(BcPGPObjectFactory objects, List<PGPSignature> into) throws IOException, PGPException {
        for (Object object = objects.nextObject(); object != null; object = objects.nextObject()) {
            if (object instanceof PGPSignatureList list) {
                list.forEach(into::add);
            } else if (object instanceof PGPCompressedData compressed) {
                collect(new BcPGPObjectFactory(compressed.getDataStream()), into);
            }
        }
    }

    static String fingerprint(PGPPublicKey key) {
        return Hex.toHexString(key.getFingerprint()).toUpperCase(Locale.ROOT);
    }

    private static String userId(PGPPublicKey primary) {
        Iterator<String> ids = primary.getUserIDs();
        return ids.hasNext() ? " (" + ids.next() + ")" : "";
    }

    private static String keyId(long id) {
        return String.format(Locale.ROOT, "%016X", id);
    }

    private String trustedText() {
        return trusted.size() == 1 ? "key " + trusted.iterator().next() : "one of the keys " + trusted;
    }

    private static SeedException invalid(String message) {
        return new SeedException(SeedException.Problem.SIGNATURE_INVALID, message);
    }

    private static SeedException untrusted(String message) {
        return new SeedException(SeedException.Problem.UNTRUSTED_SIGNER, message);
    }
}
