package org.zentoo.seed;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Date;
import java.util.List;

/**
 * An OpenPGP key made for one test run, shaped like Gentoo's release key: an RSA
 * primary key that certifies, and an Ed25519 subkey that does the signing.
 */
final class TestKey {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PGPKeyPair signing;
    private final PGPPublicKeyRing publicRing;

    private TestKey(PGPKeyPair signing, PGPPublicKeyRing publicRing) {
        this.signing = signing;
        this.publicRing = publicRing;
    }

    static TestKey generate(String userId) {
        return generate(userId, 0);
    }

    /** A key whose signing subkey was made a day ago and expires {@code subkeyValiditySeconds} later (0: never). */
    static TestKey generate(String userId, long subkeyValiditySeconds) {
        try {
            Date now = new Date(System.currentTimeMillis() - 86_400_000L);
            RSAKeyPairGenerator rsa = new RSAKeyPairGenerator();
            rsa.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), RANDOM, 2048, 80));
            PGPKeyPair primary = new BcPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsa.generateKeyPair(), now);
            Ed25519KeyPairGenerator ed25519 = new Ed25519KeyPairGenerator();
            ed25519.init(new Ed25519KeyGenerationParameters(RANDOM));
            AsymmetricCipherKeyPair subkeyPair = ed25519.generateKeyPair();
            PGPKeyPair subkey = new BcPGPKeyPair(PublicKeyAlgorithmTags.EDDSA_LEGACY, subkeyPair, now);

            PGPSignatureSubpacketGenerator primaryFlags = new PGPSignatureSubpacketGenerator();
            primaryFlags.setKeyFlags(true, KeyFlags.CERTIFY_OTHER);
            PGPSignatureSubpacketGenerator subkeyFlags = new PGPSignatureSubpacketGenerator();
            subkeyFlags.setKeyFlags(true, KeyFlags.SIGN_DATA);
            if (subkeyValiditySeconds > 0) {
                subkeyFlags.setKeyExpirationTime(true, subkeyValiditySeconds);
            }
            PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary, userId,
                    new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), primaryFlags.generate(), null,
                    new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256), null);
            rings.addSubKey(subkey, subkeyFlags.generate(), null);
            return new TestKey(subkey, rings.generatePublicKeyRing());
        } catch (PGPException e) {
            throw new IllegalStateException("cannot generate a test key", e);
        }
    }

    /** The primary key's fingerprint, as the fetcher is told to trust it. */
    String fingerprint() {
        return SignatureVerifier.fingerprint(publicRing.getPublicKey());
    }

    /** An armored keyring holding the given keys, as {@code gpg --export --armor} would write it. */
    static byte[] armoredKeyring(TestKey... keys) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = new ArmoredOutputStream(bytes)) {
            for (TestKey key : keys) {
                key.publicRing.encode(armor);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The public key unarmored, as a Web Key Directory serves it. */
    byte[] binary() {
        try {
            return publicRing.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A detached, armored signature over {@code data}, as a release {@code .asc}. */
    byte[] signDetached(byte[] data) {
        return armor(sign(PGPSignature.BINARY_DOCUMENT, data));
    }

    /** {@code text} as an OpenPGP cleartext-signed message, as newer DIGESTS files are. */
    String clearSign(String text) {
        List<String> lines = text.lines().toList();
        String canonical = String.join("\r\n", lines.stream().map(l -> l.replaceFirst("[ \\t]+$", "")).toList());
        PGPSignature signature = sign(PGPSignature.CANONICAL_TEXT_DOCUMENT, canonical.getBytes(StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n");
        for (String line : lines) {
            out.append(line.startsWith("-") ? "- " + line : line).append('\n');
        }
        return out.append(new String(armor(signature), StandardCharsets.US_ASCII)).toString();
    }

    private PGPSignature sign(int type, byte[] data) {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(signing.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA512),
                    signing.getPublicKey());
            generator.init(type, signing.getPrivateKey());
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, new Date());
            hashed.setIssuerFingerprint(false, signing.getPublicKey());
            generator.setHashedSubpackets(hashed.generate());
            generator.update(data);
            return generator.generate();
        } catch (PGPException e) {
            throw new IllegalStateException("cannot sign", e);
        }
    }

    private static byte[] armor(PGPSignature signature) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = new ArmoredOutputStream(bytes)) {
            signature.encode(armor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
