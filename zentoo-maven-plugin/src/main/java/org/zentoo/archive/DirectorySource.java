package org.zentoo.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Walks a root directory in {@code tar --sort=name} order and turns each file into an
 * entry, reading what GNU tar reads: the {@code unix:} attributes (mode with the
 * setuid/setgid/sticky bits, numeric owner, inode for hard links, rdev for devices)
 * and extended attributes. Symlinks are never followed. Because the walk already is in
 * archive order, nothing is buffered: the first name of a hard-linked inode met in
 * that order carries the data, later names become links to it, as in GNU tar.
 */
final class DirectorySource {

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    private record Inode(long dev, long ino) {
    }

    private final XattrReader xattrs;
    private final Predicate<TarEntry> excluded;
    private final Consumer<String> warnings;
    private final Map<Inode, String> firstNames = new HashMap<>();

    private DirectorySource(XattrReader xattrs, Predicate<TarEntry> excluded, Consumer<String> warnings) {
        this.xattrs = xattrs;
        this.excluded = excluded;
        this.warnings = warnings;
    }

    /** @param excluded entries to leave out; an excluded directory is not entered */
    static void walk(Path root, Predicate<TarEntry> excluded, EntrySink sink, Consumer<String> warnings)
            throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(root + " is not a directory");
        }
        DirectorySource source = new DirectorySource(XattrReader.forTree(absolute, warnings), excluded, warnings);
        source.visit(absolute, "./", sink);
    }

    private void visit(Path file, String name, EntrySink sink) throws IOException {
        Map<String, Object> unix = Files.readAttributes(file, "unix:*", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) unix.get("mode");
        int format = mode & S_IFMT;
        if (format == S_IFSOCK) {
            warnings.accept(ByteStrings.display(name) + ": socket ignored");
            return;
        }
        String entryName = format == S_IFDIR && !name.endsWith("/") ? name + "/" : name;
        TarEntry entry = entry(file, entryName, format, unix);
        // before the inode is registered, so the next name of a hard-linked file carries its data
        if (excluded.test(entry)) {
            return;
        }
        if (format != S_IFDIR && (Integer) unix.get("nlink") > 1) {
            Inode inode = new Inode((Long) unix.get("dev"), (Long) unix.get("ino"));
            String first = firstNames.putIfAbsent(inode, entryName);
            if (first != null) {
                sink.accept(entry.asHardLinkTo(first, entryName), InputStream.nullInputStream());
                return;
            }
        }
        if (format == S_IFREG) {
            try (InputStream data = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                sink.accept(entry, data);
            }
        } else {
            sink.accept(entry, InputStream.nullInputStream());
        }
        if (format == S_IFDIR) {
            for (Child child : children(file)) {
                visit(child.path(), entryName + child.name(), sink);
            }
        }
    }

    private TarEntry entry(Path file, String name, int format, Map<String, Object> unix) throws IOException {
        EntryType type = switch (format) {
            case S_IFREG -> EntryType.FILE;
            case S_IFDIR -> EntryType.DIRECTORY;
            case S_IFLNK -> EntryType.SYMLINK;
            case S_IFCHR -> EntryType.CHAR_DEVICE;
            case S_IFBLK -> EntryType.BLOCK_DEVICE;
            case S_IFIFO -> EntryType.FIFO;
            default -> throw new IOException(file + " has an unknown file type (mode " + Integer.toOctalString(format) + ")");
        };
        long rdev = (Long) unix.get("rdev");
        boolean device = type.isDevice();
        String link = type == EntryType.SYMLINK ? ByteStrings.fromFileName(Files.readSymbolicLink(file).toString()) : "";
        return TarEntry.of(name, type, ((Integer) unix.get("mode")) & 07777,
                Integer.toUnsignedLong((Integer) unix.get("uid")), Integer.toUnsignedLong((Integer) unix.get("gid")),
                type == EntryType.FILE ? (Long) unix.get("size") : 0,
                seconds((FileTime) unix.get("lastModifiedTime")), link,
                device ? major(rdev) : 0, device ? minor(rdev) : 0, xattrs.of(file));
    }

    private record Child(String name, Path path) {
    }

    /** Children sorted by their bytes, which is what {@code tar --sort=name} compares. */
    private static List<Child> children(Path dir) throws IOException {
        List<Child> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                children.add(new Child(ByteStrings.fromFileName(child.getFileName().toString()), child));
            }
        }
        children.sort((a, b) -> a.name().compareTo(b.name()));
        return children;
    }

    private static long seconds(FileTime time) {
        return time.toInstant().getEpochSecond();
    }

    /** glibc's gnu_dev_major/minor: the 64-bit dev_t splits each number in two parts. */
    static int major(long rdev) {
        return (int) (((rdev & 0x00000000000fff00L) >>> 8) | ((rdev & 0xfffff00000000000L) >>> 32));
    }

    static int minor(long rdev) {
        return (int) ((rdev & 0x00000000000000ffL) | ((rdev & 0x00000ffffff00000L) >>> 12));
    }
}
