package org.zentoo.seed;

import org.zentoo.files.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-512 and SHA-256 of files and strings, as lowercase hex. */
final class FileHashes {

    private static final int BUFFER = 64 * 1024;

    private FileHashes() {
    }

    static String sha512(Path file) throws IOException {
        MessageDigest digest = newDigest("SHA-512");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A short stable name for a URL, so that cache paths never contain URL characters. */
    static String nameFor(String text) {
        return Sha256.of(text).substring(0, 32);
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java runtime", e);
        }
    }
}
