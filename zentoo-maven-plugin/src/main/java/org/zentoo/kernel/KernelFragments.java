package org.zentoo.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The identity of a machine's kernel config fragments: a hash over the names and
 * contents of its rendered /etc/kernel/config.d, in the order kernel-build.eclass
 * reads them. Machines with equal fragments share a kernel binpkg; others never do.
 */
public final class KernelFragments {

    private KernelFragments() {
    }

    /** 12 hex digits; {@code none} when the machine has no fragments. */
    public static String identity(Path configD) throws IOException {
        if (!Files.isDirectory(configD)) {
            return "none";
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(configD)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".config")).sorted().toList();
        }
        if (files.isEmpty()) {
            return "none";
        }
        MessageDigest sha = sha256();
        for (Path f : files) {
            sha.update(f.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Files.readAllBytes(f));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
