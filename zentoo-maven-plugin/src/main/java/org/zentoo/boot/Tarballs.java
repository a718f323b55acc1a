package org.zentoo.boot;

import org.zentoo.archive.ArchiveFormat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening a stage or kernel tarball as Zentoo writes it, or a plain {@code .tar} as {@code docker export} does. */
final class Tarballs {

    private Tarballs() {
    }

    static InputStream open(Path tarball) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(tarball), 1 << 16);
        if (tarball.getFileName().toString().endsWith(".tar")) {
            return in;
        }
        try {
            return ArchiveFormat.forFile(tarball).decompress(in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** {@code ./usr/bin/} as a cpio name: {@code usr/bin}; the root is {@code .}. */
    static String cpioName(String tarName) {
        String n = tarName;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.isEmpty() || n.equals(".") ? "." : n;
    }
}
