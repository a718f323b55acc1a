package org.zentoo.kernel;

import org.zentoo.files.Sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Sha256 sha = new Sha256();
        for (Path f : files) {
            sha.update(f.getFileName().toString()).update((byte) 0);
            sha.update(Files.readAllBytes(f)).update((byte) 0);
        }
        return sha.hex().substring(0, 12);
    }
}
