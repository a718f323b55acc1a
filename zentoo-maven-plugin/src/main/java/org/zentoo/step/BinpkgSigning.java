package org.zentoo.step;

import org.zentoo.binpkg.SigningKey;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.Mount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Signing every gpkg a build container writes (FEATURES=binpkg-signing). On the
 * host, a private directory (mode 0700, removed by {@link #close()}) holds the
 * secret key and, when there is one, its passphrase; it is mounted read-only into
 * build containers only. There the step's script imports the key into a GnuPG
 * home of the container's own ({@link #PREPARE}) whose gpg.conf gives gpg the
 * passphrase through a loopback pinentry, so no passphrase is ever in an
 * argument, a variable, a log or an image.
 */
public final class BinpkgSigning implements AutoCloseable {

    /** Where the private directory is mounted in build containers. */
    static final String MOUNT = "/run/zentoo/signing";

    /** Bash run before emerge in a signing build container: sources sign.sh from the private directory. */
    static final String PREPARE = "if [ -f " + MOUNT + "/sign.sh ]; then . " + MOUNT + "/sign.sh || exit 70; fi; ";

    private static final String SIGN = ContainerScript.read(BinpkgSigning.class, "sign.sh");
    static final String TRUST = ContainerScript.read(BinpkgSigning.class, "trust.sh");

    private final SigningKey key;
    private final Path directory;

    private BinpkgSigning(SigningKey key, Path directory) {
        this.key = key;
        this.directory = directory;
    }

    /**
     * Writes the key (and the passphrase, when not null) into a new private
     * directory.
     */
    public static BinpkgSigning open(SigningKey key, char[] passphrase) throws IOException {
        Path dir = Files.createTempDirectory("zentoo-signing",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            writePrivate(dir.resolve("secret.key"), key.secretKey());
            writePrivate(dir.resolve("public.key"), key.publicKey());
            writePrivate(dir.resolve("sign.sh"), SIGN.getBytes(StandardCharsets.UTF_8));
            writePrivate(dir.resolve("trust.sh"), TRUST.getBytes(StandardCharsets.UTF_8));
            if (passphrase != null && passphrase.length > 0) {
                java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(passphrase));
                byte[] bytes = new byte[encoded.remaining()];
                encoded.get(bytes);
                writePrivate(dir.resolve("passphrase"), bytes);
                java.util.Arrays.fill(bytes, (byte) 0);
            }
            return new BinpkgSigning(key, dir);
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    public SigningKey key() {
        return key;
    }

    /** A build container that signs: the private directory read-only, Portage's signing variables. */
    public ContainerSpec apply(ContainerSpec spec) {
        String features = spec.env().getOrDefault("FEATURES", "");
        return spec.mount(Mount.bind(directory, MOUNT, true))
                .env("FEATURES", (features + " binpkg-signing").strip())
                .env("BINPKG_GPG_SIGNING_KEY", key.fingerprint())
                .env("BINPKG_GPG_SIGNING_DIGEST", "SHA512")
                .env("ZENTOO_SIGNING_TIME", Long.toString(key.created()));
    }

    /** Removes the private directory. */
    @Override
    public void close() throws IOException {
        delete(directory);
    }

    private static void writePrivate(Path file, byte[] content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, content);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
