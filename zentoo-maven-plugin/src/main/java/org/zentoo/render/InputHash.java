package org.zentoo.render;

import org.zentoo.files.Sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A digest of everything a render reads, so an unchanged site is not rendered again. */
final class InputHash {

    /** Bump when the renderer's output changes for the same input. */
    static final String FORMAT = "zentoo-render-2";

    private InputHash() {
    }

    /** Which machines a render wrote is recorded beside the digest, so the digest is of config/ alone. */
    static String of(Path configDirectory) throws IOException {
        Sha256 md = new Sha256();
        md.update(FORMAT + "\n");
        try (Stream<Path> walk = Files.walk(configDirectory)) {
            for (Path p : walk.sorted().toList()) {
                String rel = configDirectory.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    md.update("L " + rel + " " + Files.readSymbolicLink(p) + "\n");
                } else if (Files.isRegularFile(p)) {
                    md.update("F " + rel + " " + Files.isExecutable(p) + " " + Files.size(p) + "\n");
                    md.update(Files.readAllBytes(p));
                } else {
                    md.update("D " + rel + "\n");
                }
            }
        }
        return md.hex();
    }
}
