package org.zentoo.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** A digest of everything a render reads, so an unchanged site is not rendered again. */
final class InputHash {

    /** Bump when the renderer's output changes for the same input. */
    static final String FORMAT = "zentoo-render-1";

    private InputHash() {
    }

    static String of(Path configDirectory, List<String> machines) throws IOException {
        MessageDigest md = sha256();
        md.update((FORMAT + "\n" + String.join(",", machines) + "\n").getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> walk = Files.walk(configDirectory)) {
            for (Path p : walk.sorted().toList()) {
                String rel = configDirectory.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    md.update(("L " + rel + " " + Files.readSymbolicLink(p) + "\n").getBytes(StandardCharsets.UTF_8));
                } else if (Files.isRegularFile(p)) {
                    md.update(("F " + rel + " " + Files.isExecutable(p) + " " + Files.size(p) + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                    md.update(Files.readAllBytes(p));
                } else {
                    md.update(("D " + rel + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
