package org.zentoo.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Reads the extended attributes of every file under a root.
 *
 * <p>Java can only see {@code user.*} attributes, but a stage's most important ones are
 * {@code security.capability} (ping, for one) and sometimes {@code security.selinux} or
 * {@code trusted.*}. So when {@code getfattr} (Debian and Gentoo package {@code attr})
 * is on the PATH, one {@code getfattr -R} call reads all of them up front: one process
 * for the whole tree instead of one per file. Without it only {@code user.*} survives,
 * and a warning says so.
 */
final class XattrReader {

    private final Map<String, SortedMap<String, byte[]>> byPath;

    private XattrReader(Map<String, SortedMap<String, byte[]>> byPath) {
        this.byPath = byPath;
    }

    static XattrReader forTree(Path root, Consumer<String> warnings) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        if (onPath("getfattr")) {
            return new XattrReader(GetfattrOutput.parse(runGetfattr(absolute)));
        }
        warnings.accept("getfattr not found (install the 'attr' package): only user.* extended attributes "
                + "are packed; security.capability and other security.*/trusted.* attributes are lost");
        return new XattrReader(null);
    }

    /** The attributes of one file, never following a symlink. */
    SortedMap<String, byte[]> of(Path file) throws IOException {
        if (byPath != null) {
            SortedMap<String, byte[]> found = byPath.get(ByteStrings.fromFileName(file.toString()));
            return found == null ? new TreeMap<>() : found;
        }
        return userAttributes(file);
    }

    private static SortedMap<String, byte[]> userAttributes(Path file) throws IOException {
        SortedMap<String, byte[]> xattrs = new TreeMap<>();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            return xattrs; // Linux allows user.* only on regular files and directories
        }
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return xattrs;
        }
        for (String name : view.list()) {
            ByteBuffer value = ByteBuffer.allocate(view.size(name));
            view.read(name, value);
            xattrs.put("user." + ByteStrings.fromFileName(name), value.array());
        }
        return xattrs;
    }

    private static byte[] runGetfattr(Path root) throws IOException {
        // -P: don't follow symlinked directories; -h: a symlink's own attributes, not its target's.
        List<String> command = List.of("getfattr", "-R", "-P", "-h", "-d", "-m", "-", "-e", "hex",
                "--absolute-names", root.toString());
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readQuietly(process.getErrorStream()));
        byte[] stdout;
        try (InputStream out = process.getInputStream()) {
            stdout = out.readAllBytes();
        }
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IOException("getfattr failed reading the extended attributes under " + root
                        + " (exit " + exit + "): " + new String(stderr.join()).trim());
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading extended attributes under " + root, e);
        }
        return stdout;
    }

    private static byte[] readQuietly(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

}
