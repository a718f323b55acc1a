package org.zentoo.seed;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.testing.Strict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Signatures made by real GnuPG, as Gentoo's release tooling makes them, must
 * verify here: a detached {@code .asc} from a signing subkey and a clearsigned
 * DIGESTS. Skipped where gpg is not installed.
 */
class GnuPgInteropTest {

    private static final long GPG_TIMEOUT_SECONDS = 60;

    @TempDir
    Path temp;

    private Path home;
    private String fingerprint;

    @BeforeEach
    void makeKey() throws Exception {
        Strict.assume(gpgAvailable(), "gpg and gpgconf (Debian package gnupg)");
        home = Files.createDirectory(temp.resolve("gnupg"));
        gpg("--quick-gen-key", "Zentoo Interop Test <interop@example.org>", "rsa2048", "cert", "never");
        String colons = gpg("--with-colons", "--list-keys");
        fingerprint = colons.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
        gpg("--quick-add-key", fingerprint, "ed25519", "sign", "never");
    }

    @AfterEach
    void stopAgent() throws Exception {
        if (home != null) {
            run(List.of("gpgconf", "--homedir", home.toString(), "--kill", "all"));
        }
    }

    @Test
    void seedSignedByGnuPgVerifies() throws Exception {
        Path seeds = Files.createDirectory(temp.resolve("seeds"));
        byte[] tarball = StageFixture.tarball();
        Path stage = Files.write(seeds.resolve(StageFixture.NAME), tarball);
        Path plainDigests = Files.writeString(temp.resolve("digests.txt"), StageFixture.digests(tarball));
        gpg("--clearsign", "--output", seeds.resolve(StageFixture.NAME + ".DIGESTS").toString(), plainDigests.toString());
        gpg("--armor", "--detach-sign", "--output", seeds.resolve(StageFixture.NAME + ".asc").toString(), stage.toString());

        VerifiedSeed seed = new TarballSeedFetcher(options()).fetch((TarballSeed) SeedReference.parse("file:" + stage));

        assertEquals(Optional.of(fingerprint), seed.signer());
        assertEquals(StageFixture.sha512(tarball), seed.sha512());
    }

    @Test
    void clearsignedTextWithDashesAndTrailingBlanksVerifies() throws Exception {
        String text = "# SHA512 HASH\n- a line that gpg dash-escapes\ntrailing blanks   \t\n\nlast line\n";
        Path plain = Files.writeString(temp.resolve("message.txt"), text);
        Path signed = temp.resolve("message.txt.asc");
        gpg("--clearsign", "--output", signed.toString(), plain.toString());
        ClearSignedText message = ClearSignedText.split(Files.readString(signed)).orElseThrow();
        SignatureVerifier verifier = SignatureVerifier.load(exportKeyring(), Set.of(fingerprint));

        assertEquals(fingerprint, verifier.verifyClearSigned(message, "message.txt.asc"));
        assertEquals(text, message.text());
    }

    @Test
    void clearsignedTextChangedByOneCharacterFails() throws Exception {
        Path plain = Files.writeString(temp.resolve("message.txt"), "# SHA512 HASH\nabc  stage3.tar.xz\n");
        Path signed = temp.resolve("message.txt.asc");
        gpg("--clearsign", "--output", signed.toString(), plain.toString());
        String changed = Files.readString(signed).replace("abc  stage3", "abd  stage3");
        ClearSignedText message = ClearSignedText.split(changed).orElseThrow();
        SignatureVerifier verifier = SignatureVerifier.load(exportKeyring(), Set.of(fingerprint));

        SeedException error = assertThrows(SeedException.class, () -> verifier.verifyClearSigned(message, "m"));
        assertEquals(SeedException.Problem.SIGNATURE_INVALID, error.problem());
    }

    private FetchOptions options() throws Exception {
        return new FetchOptions().cacheDirectory(temp.resolve("cache")).keyring(exportKeyring())
                .trustedFingerprints(Set.of(fingerprint));
    }

    private Path exportKeyring() throws Exception {
        Path keyring = temp.resolve("keyring.asc");
        gpg("--armor", "--output", keyring.toString(), "--yes", "--export", fingerprint);
        return keyring;
    }

    private String gpg(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--homedir", home.toString(),
                "--pinentry-mode", "loopback", "--passphrase", ""));
        command.addAll(List.of(arguments));
        return run(command);
    }

    private static boolean gpgAvailable() {
        try {
            run(List.of("gpg", "--version"));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Output goes to a file, not a pipe: a daemon that gpg starts could hold a pipe open forever. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("gpg", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(GPG_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command + " did not finish in " + GPG_TIMEOUT_SECONDS + " s");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException(command + " failed with exit code " + process.exitValue() + ":\n" + output);
            }
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
