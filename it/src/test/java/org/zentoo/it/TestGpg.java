package org.zentoo.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A signing key made for one test with the real gpg CLI, as a release engineer
 * would sign with it, and the public keyring Zentoo is configured with.
 */
final class TestGpg {

    private final Path dir;
    private final String home;
    final String fingerprint;
    final Path keyring;

    private TestGpg(Path dir, String home, String fingerprint, Path keyring) {
        this.dir = dir;
        this.home = home;
        this.fingerprint = fingerprint;
        this.keyring = keyring;
    }

    /** A fresh ed25519 key in {@code dir/gnupg}; its public key exported to {@code dir/keyring.gpg}. */
    static TestGpg generate(Path dir, String userId) throws IOException, InterruptedException {
        Path gnupg = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(gnupg, PosixFilePermissions.fromString("rwx------"));
        String home = "--homedir=" + gnupg;
        run(dir, "gpg", home, "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                "--quick-gen-key", userId, "ed25519", "sign", "1d");
        String fingerprint = run(dir, "gpg", home, "--batch", "--with-colons", "--list-keys").lines()
                .filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
        run(dir, "bash", "-c", "gpg " + home + " --batch --export > keyring.gpg");
        return new TestGpg(dir, home, fingerprint, dir.resolve("keyring.gpg"));
    }

    /** Writes an armored detached signature of {@code file} to {@code signature}. */
    void signDetached(Path file, Path signature) throws IOException, InterruptedException {
        run(dir, "gpg", home, "--batch", "--armor", "--detach-sign", "--output", signature.toString(), file.toString());
    }

    /** Runs a command that must succeed; its output, stdout and stderr together. */
    static String run(Path cwd, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + String.join(" ", cmd));
        assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + "\n" + out);
        return out;
    }
}
