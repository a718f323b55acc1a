package org.zentoo.step;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes directories from the site (rendered config, overlay files) as a tar to
 * copy into a container. Everything is owned by root there, whoever ran Maven;
 * modes are kept, so an overlay's executable script stays executable.
 */
public final class DirectoryTar {

    private DirectoryTar() {
    }

    /** Each (source, prefix) pair is written under the prefix, in the order given. */
    public static void write(List<Tree> trees, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (Tree tree : trees) {
            if (!Files.exists(tree.source(), LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(tree.source())) {
                paths = walk.sorted().toList();
            }
            for (Path p : paths) {
                String rel = tree.source().relativize(p).toString().replace('\\', '/');
                String name = rel.isEmpty() ? tree.prefix() : tree.prefix() + "/" + rel;
                if (name.isEmpty()) {
                    continue;
                }
                writeEntry(tar, p, name);
            }
        }
        tar.finish();
    }

    private static void writeEntry(TarArchiveOutputStream tar, Path p, String name) throws IOException {
        TarArchiveEntry entry;
        if (Files.isSymbolicLink(p)) {
            entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(p).toString());
            entry.setMode(0120777);
        } else if (Files.isDirectory(p)) {
            entry = new TarArchiveEntry(name + "/");
            entry.setMode(040000 | mode(p));
        } else {
            entry = new TarArchiveEntry(name);
            entry.setSize(Files.size(p));
            entry.setMode(0100000 | mode(p));
        }
        entry.setIds(0, 0);
        entry.setNames("root", "root");
        entry.setModTime(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis());
        tar.putArchiveEntry(entry);
        // TarArchiveEntry.isFile() is also true for symlinks, so ask the file system.
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.copy(p, tar);
        }
        tar.closeArchiveEntry();
    }

    private static int mode(Path p) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        int mode = 0;
        for (PosixFilePermission perm : perms) {
            mode |= 1 << (8 - perm.ordinal());
        }
        return mode;
    }

    /** A directory to copy, and where it lands inside the tar. */
    public record Tree(Path source, String prefix) {
    }
}
