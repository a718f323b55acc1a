package org.zentoo.seed;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a tarball whose entries could reach outside the directory it is
 * unpacked into: absolute names, names or hard-link targets that climb out with
 * {@code ..}, relative symlinks that point above the root, and entries that would
 * be written through a symlink the archive itself created. Absolute symlink
 * targets are allowed: inside a root filesystem they resolve against that root,
 * and every stage3 has some.
 */
public final class TarballContainment {

    private TarballContainment() {
    }

    /**
     * @param tarball     the file to read
     * @param fileName    its published name, whose suffix tells the compression
     * @param displayName how to name it in errors (URL or path)
     */
    public static void check(Path tarball, String fileName, String displayName) throws SeedException {
        Set<String> symlinks = new HashSet<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(tarball, fileName))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String problem = problemOf(entry, symlinks);
                if (problem != null) {
                    throw new SeedException(SeedException.Problem.UNSAFE_TARBALL, "tarball " + displayName
                            + " is refused: entry '" + entry.getName() + "' " + problem
                            + "; expected every entry to stay inside the root it is unpacked into");
                }
                if (entry.isSymbolicLink()) {
                    symlinks.add(normalized(entry.getName()));
                }
            }
        } catch (IOException e) {
            throw new SeedException(SeedException.Problem.UNSAFE_TARBALL, "tarball " + displayName
                    + " cannot be read as a " + fileName.substring(fileName.indexOf(".tar")) + " archive: " + e.getMessage(), e);
        }
    }

    private static String problemOf(TarArchiveEntry entry, Set<String> symlinks) {
        String name = entry.getName();
        if (name.startsWith("/")) {
            return "has an absolute path";
        }
        List<String> parts = components(name);
        if (parts == null) {
            return "climbs out of the root with ..";
        }
        for (int depth = 1; depth < parts.size(); depth++) {
            String directory = String.join("/", parts.subList(0, depth));
            if (symlinks.contains(directory)) {
                return "would be written through the symlink '" + directory + "' that the archive made";
            }
        }
        if (entry.isLink()) {
            String target = entry.getLinkName();
            if (target.startsWith("/") || components(target) == null) {
                return "is a hard link to '" + target + "', outside the root";
            }
        }
        if (entry.isSymbolicLink() && !entry.getLinkName().startsWith("/")) {
            String parent = String.join("/", parts.subList(0, Math.max(0, parts.size() - 1)));
            if (components(parent + "/" + entry.getLinkName()) == null) {
                return "is a symlink to '" + entry.getLinkName() + "', which points above the root";
            }
        }
        return null;
    }

    /** The path's components with . and .. applied; null when .. climbs above the start. */
    private static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return parts;
    }

    private static String normalized(String name) {
        List<String> parts = components(name);
        return parts == null ? name : String.join("/", parts);
    }

    static InputStream decompressed(Path tarball, String fileName) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(tarball), 1 << 16);
        String name = fileName.toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".tar.xz")) {
                return new XZCompressorInputStream(raw);
            }
            if (name.endsWith(".tar.bz2")) {
                return new BZip2CompressorInputStream(raw);
            }
            if (name.endsWith(".tar.gz")) {
                return new GzipCompressorInputStream(raw);
            }
            return raw;
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }
}
