package org.zentoo.binpkg;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.zentoo.files.AtomicFile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The site's binpkg signing key: an OpenPGP secret key (armored or binary), its
 * fingerprint, and its public key, which stages trust. The secret part is only
 * ever handed to build containers; {@link #toString()} never shows it.
 *
 * @param fingerprint the primary key's fingerprint, upper-case hex (BINPKG_GPG_SIGNING_KEY)
 * @param secretKey   the secret key ring as read (what build containers import)
 * @param publicKey   the public key ring, ASCII-armored
 * @param created     the primary key's creation time, epoch seconds
 * @param source      where it came from, for messages
 */
public record SigningKey(String fingerprint, byte[] secretKey, byte[] publicKey, long created, String source) {

    /** Reads an exported OpenPGP secret key file. */
    public static SigningKey fromFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("binpkg signing key " + file + " is not a file (zentoo.binpkg.signingKey:"
                    + " an OpenPGP secret key file, or a key id with zentoo.binpkg.gnupgHome)");
        }
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * Exports {@code keyId}'s secret key from a GnuPG home with the host's gpg
     * (the passphrase through a loopback pinentry from a file, never an argument).
     */
    /**
     * Exports {@code keyId} from a GnuPG home; the passphrase (none: null) reaches gpg in a
     * file only this user can read, in a directory of its own that is gone afterwards.
     */
    public static SigningKey fromGnupgHome(Path home, String keyId, char[] passphrase) throws IOException {
        if (passphrase == null) {
            return fromGnupgHome(home, keyId, (Path) null);
        }
        Path dir = Files.createTempDirectory("zentoo-passphrase",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = dir.resolve("passphrase");
        try {
            AtomicFile.write(file, new String(passphrase).getBytes(StandardCharsets.UTF_8), AtomicFile.OWNER_ONLY);
            return fromGnupgHome(home, keyId, file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    public static SigningKey fromGnupgHome(Path home, String keyId, Path passphraseFile) throws IOException {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty",
                "--pinentry-mode", "loopback"));
        if (passphraseFile != null) {
            command.addAll(List.of("--passphrase-file", passphraseFile.toString()));
        }
        command.addAll(List.of("--export-secret-keys", keyId));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] exported;
        try (InputStream in = process.getInputStream()) {
            exported = in.readAllBytes();
        }
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("gpg did not export key " + keyId + " from " + home + " within 120 s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while gpg exported key " + keyId, e);
        }
        if (process.exitValue() != 0 || exported.length == 0) {
            throw new IOException("gpg could not export the secret key " + keyId + " from " + home
                    + " (exit " + process.exitValue() + "; is the key id right, and the passphrase server too?)");
        }
        return parse(exported, keyId + " in " + home);
    }

    /** Parses a secret key ring (armored or binary); the first ring is the signing key. */
    static SigningKey parse(byte[] bytes, String source) throws IOException {
        PGPSecretKeyRing ring = null;
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
            Object next;
            while ((next = factory.nextObject()) != null) {
                if (next instanceof PGPSecretKeyRing r) {
                    ring = r;
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException("binpkg signing key " + source + " is not an OpenPGP secret key: " + e.getMessage(), e);
        }
        if (ring == null) {
            throw new IOException("binpkg signing key " + source + " holds no OpenPGP secret key"
                    + " (export one with gpg --export-secret-keys --armor KEYID)");
        }
        PGPSecretKey primary = ring.getSecretKey();
        String fingerprint = HexFormat.of().formatHex(primary.getPublicKey().getFingerprint()).toUpperCase(Locale.ROOT);
        ByteArrayOutputStream armored = new ByteArrayOutputStream();
        try (ArmoredOutputStream out = new ArmoredOutputStream(armored)) {
            for (java.util.Iterator<PGPPublicKey> keys = ring.getPublicKeys(); keys.hasNext(); ) {
                keys.next().encode(out);
            }
        }
        return new SigningKey(fingerprint, ring.getEncoded(), armored.toByteArray(),
                primary.getPublicKey().getCreationTime().toInstant().getEpochSecond(), source);
    }

    /** The public key, armored, as text. */
    public String publicKeyText() {
        return new String(publicKey, StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "SigningKey[" + fingerprint + " from " + source + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKey k && k.fingerprint.equals(fingerprint) && k.source.equals(source);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }
}
