package org.zentoo.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as 64 lowercase hex digits. The static methods hash one value; an
 * instance is fed piece by piece and read once with {@link #hex()}. Text is always
 * hashed as UTF-8.
 */
public final class Sha256 {

    private static final int BUFFER = 1 << 16;

    private final MessageDigest digest;

    public Sha256() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String of(byte[] bytes) {
        return new Sha256().update(bytes).hex();
    }

    public static String of(String text) {
        return new Sha256().update(text).hex();
    }

    public static String ofFile(Path file) throws IOException {
        Sha256 sha = new Sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return sha.hex();
    }

    public Sha256 update(byte b) {
        digest.update(b);
        return this;
    }

    public Sha256 update(byte[] bytes) {
        digest.update(bytes);
        return this;
    }

    public Sha256 update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
        return this;
    }

    public Sha256 update(String text) {
        return update(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A stream that feeds this hash with every byte it passes on to {@code out}; closing it closes {@code out}. */
    public OutputStream feeding(OutputStream out) {
        return new DigestOutputStream(out, digest);
    }

    /** The hash of everything fed so far; the instance then starts over, empty. */
    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
