package org.zentoo.step;

import org.zentoo.files.Sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A hash of everything a machine's container steps depend on: its rendered trees,
 * the seed's digest, the snapshot, the plugin version and the volumes. Equal
 * hashes mean a step would do the same work again, so it is skipped.
 */
public final class MachineInputs {

    private final Sha256 sha = new Sha256();

    public MachineInputs tree(Path root) throws IOException {
        value("tree");
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return value("absent");
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted().toList();
        }
        for (Path p : paths) {
            value(root.relativize(p).toString());
            if (Files.isSymbolicLink(p)) {
                value("link:" + Files.readSymbolicLink(p));
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                value(Files.isExecutable(p) ? "exec" : "file");
                sha.update(Files.readAllBytes(p));
            } else {
                value("dir");
            }
        }
        return this;
    }

    public MachineInputs value(String v) {
        sha.update(v).update((byte) 0);
        return this;
    }

    public String hash() {
        return sha.hex();
    }
}
