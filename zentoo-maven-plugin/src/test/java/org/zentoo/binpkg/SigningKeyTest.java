package org.zentoo.binpkg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.testing.Strict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A key made by the real gpg, read from a file and exported from its GnuPG home. */
class SigningKeyTest {

    private static final String PASSPHRASE = "pass-9f2c-word";

    @Test
    void fileAndHomeGiveTheSameKeyAndTheSecretStaysOutOfToString(@TempDir Path dir) throws Exception {
        Strict.assume(new ProcessBuilder("gpg", "--version").start().waitFor() == 0, "gpg");
        Path home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        gpg(dir, "--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", PASSPHRASE,
                "--quick-gen-key", "Zentoo unit <unit@zentoo.invalid>", "ed25519", "sign", "1d");
        String fingerprint = gpg(dir, "--homedir", home.toString(), "--batch", "--with-colons", "--list-keys")
                .lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
        Path passphrase = dir.resolve("pp");
        Files.writeString(passphrase, PASSPHRASE);
        Path file = dir.resolve("secret.asc");
        Files.writeString(file, gpg(dir, "--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback",
                "--passphrase-file", passphrase.toString(), "--armor", "--export-secret-keys", fingerprint));

        SigningKey fromFile = SigningKey.fromFile(file);
        SigningKey fromHome = SigningKey.fromGnupgHome(home, fingerprint, passphrase);
        assertEquals(fingerprint, fromFile.fingerprint());
        assertEquals(fingerprint, fromHome.fingerprint());
        assertTrue(fromFile.publicKeyText().startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----"));
        assertFalse(fromFile.publicKeyText().contains("PRIVATE"));
        assertTrue(fromFile.created() > 1_600_000_000L);
        assertFalse(fromFile.toString().contains("PRIVATE") || fromFile.toString().contains("BEGIN"));

        // The public key, imported by gpg into an empty home, is the key.
        Path pub = dir.resolve("pub.asc");
        Files.write(pub, fromFile.publicKey());
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rwx------"));
        gpg(dir, "--homedir", other.toString(), "--batch", "--import", pub.toString());
        assertTrue(gpg(dir, "--homedir", other.toString(), "--batch", "--with-colons", "--list-keys")
                .contains("fpr:::::::::" + fingerprint + ":"));
    }

    @Test
    void aPublicKeyOrJunkIsRefusedWithTheFileName(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("key.asc");
        Files.writeString(junk, "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQ==\n-----END PGP PUBLIC KEY BLOCK-----\n",
                StandardCharsets.US_ASCII);
        IOException e = assertThrows(IOException.class, () -> SigningKey.fromFile(junk));
        assertTrue(e.getMessage().contains(junk.toString()), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> SigningKey.fromFile(dir.resolve("nope.asc")));
        assertTrue(missing.getMessage().contains("nope.asc"), missing.getMessage());
    }

    private static String gpg(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("gpg"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", command));
        return out;
    }
}
