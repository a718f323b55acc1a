package org.zentoo.boot;

import org.zentoo.archive.EntryType;
import org.zentoo.archive.TarEntry;
import org.zentoo.archive.TarReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a stage tarball into an initramfs: one uncompressed newc cpio archive whose
 * root is the stage, with
 * <ul>
 *   <li>{@code /dev/console} (character device 5,1) and {@code /dev/null} (1,3) as real
 *       device nodes, written first; the stage's own entries of those names are left out.
 *       {@code docker export} and stage tarballs may hold {@code /dev/console} as an empty
 *       regular file, and the kernel opens {@code /dev/console} for init's stdin, stdout and
 *       stderr before {@code /init} runs: with a plain file there, init writes nowhere;</li>
 *   <li>{@code /proc}, {@code /sys} and {@code /dev} as directories, for the shim to mount on;</li>
 *   <li>{@code /init} (the shim), replacing any the stage has;</li>
 *   <li>the kernel artifact's {@code /lib/modules/<version>} tree, after the stage, so
 *       the booted kernel's modules are there even when the stage has none; a path is
 *       resolved through the stage's directory symlinks ({@code /lib -> usr/lib} on a
 *       merged-usr stage), because the kernel replaces a symlink with a directory of
 *       the same name;</li>
 *   <li>extra files (the test scripts), their missing parent directories made.</li>
 * </ul>
 *
 * <p>Uncompressed, on purpose: under TCG (no KVM) the guest decompresses at emulated
 * speed, which for a few hundred MiB of stage costs far more than reading them
 * uncompressed, and compressing on the host would cost again on every boot. The
 * price is memory, which {@link Qemu} sizes from the archive's length. Extended
 * attributes (file capabilities) are not carried: the kernel's initramfs unpacker
 * has no format for them.
 */
public final class Initramfs {

    /** A file added to the stage's root, e.g. a test script. {@code name} is relative, {@code usr/bin/x}. */
    public record Extra(String name, int perm, byte[] content) {
        public static Extra text(String name, int perm, String content) {
            return new Extra(name, perm, content.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** What was written: entries and bytes. */
    public record Written(long entries, long bytes) {
    }

    private static final int MAX_SYMLINK_HOPS = 40;

    private Initramfs() {
    }

    /**
     * Writes the initramfs of {@code stage} to {@code out}.
     *
     * @param kernel its {@code lib/modules} tree joins the stage; null for none
     * @param init   the {@code /init} shim
     */
    public static Written write(java.nio.file.Path stage, KernelArtifact kernel, byte[] init, List<Extra> extras,
                                OutputStream out) throws IOException {
        StageIndex index = StageIndex.read(stage);
        CpioWriter cpio = new CpioWriter(out);
        Set<String> emitted = new HashSet<>();
        long[] count = {0};
        // Synthetic entries first: the stage's own of these names are left out.
        for (String dir : List.of(".", "dev", "proc", "sys")) {
            cpio.directory(dir, 0755, 0);
            emitted.add(dir);
            count[0]++;
        }
        cpio.charDevice("dev/console", 0600, 5, 1);
        cpio.charDevice("dev/null", 0666, 1, 3);
        cpio.file("init", 0755, 0, init);
        emitted.addAll(List.of("dev/console", "dev/null", "init"));
        count[0] += 3;

        Map<String, Long> inodes = new HashMap<>();
        try (InputStream in = Tarballs.open(stage)) {
            TarReader reader = new TarReader(in);
            for (TarEntry e = reader.next(); e != null; e = reader.next()) {
                String name = Tarballs.cpioName(e.name());
                if (!emitted.add(name)) {
                    continue;
                }
                writeTarEntry(cpio, e, name, reader.data(), index.linkCount(name), inodes);
                count[0]++;
            }
        }
        if (kernel != null) {
            try (InputStream in = Tarballs.open(kernel.tarball())) {
                TarReader reader = new TarReader(in);
                Map<String, Long> kernelInodes = new HashMap<>();
                for (TarEntry e = reader.next(); e != null; e = reader.next()) {
                    String name = Tarballs.cpioName(e.name());
                    if (!name.startsWith("lib/modules/") || e.type() == EntryType.HARDLINK) {
                        continue;
                    }
                    String resolved = index.resolve(name);
                    for (String parent : parents(resolved)) {
                        if (!index.isDirectory(parent) && emitted.add(parent)) {
                            cpio.directory(parent, 0755, e.mtime());
                            count[0]++;
                        }
                    }
                    if (emitted.add(resolved)) {
                        writeTarEntry(cpio, e, resolved, reader.data(), 1, kernelInodes);
                        count[0]++;
                    }
                }
            }
        }
        for (Extra extra : extras) {
            String name = index.resolve(Tarballs.cpioName(extra.name()));
            for (String parent : parents(name)) {
                if (!index.isDirectory(parent) && emitted.add(parent)) {
                    cpio.directory(parent, 0755, 0);
                    count[0]++;
                }
            }
            if (!emitted.add(name)) {
                throw new IllegalArgumentException("two extra files named " + name);
            }
            cpio.file(name, extra.perm(), 0, extra.content());
            count[0]++;
        }
        cpio.finish();
        return new Written(count[0] + 1, cpio.written());
    }

    private static void writeTarEntry(CpioWriter cpio, TarEntry e, String name, InputStream data, int links,
                                      Map<String, Long> inodes) throws IOException {
        int perm = e.mode() & 07777;
        switch (e.type()) {
            case FILE -> {
                long inode = cpio.newInode();
                if (links > 1) {
                    inodes.put(name, inode);
                }
                cpio.entry(name, CpioWriter.S_IFREG | perm, e.uid(), e.gid(), links, e.mtime(), inode, 0, 0,
                        e.size(), data);
            }
            case HARDLINK -> {
                String target = Tarballs.cpioName(e.linkName());
                Long inode = inodes.get(target);
                if (inode == null) {
                    throw new IOException(name + " is a hard link to " + target + ", which comes nowhere before it");
                }
                cpio.entry(name, CpioWriter.S_IFREG | perm, e.uid(), e.gid(), links, e.mtime(), inode, 0, 0, 0,
                        null);
            }
            case SYMLINK -> {
                byte[] target = e.linkName().getBytes(StandardCharsets.ISO_8859_1);
                cpio.entry(name, CpioWriter.S_IFLNK | 0777, e.uid(), e.gid(), 1, e.mtime(), cpio.newInode(), 0, 0,
                        target.length, new ByteArrayInputStream(target));
            }
            case DIRECTORY -> cpio.entry(name, CpioWriter.S_IFDIR | perm, e.uid(), e.gid(), 2, e.mtime(),
                    cpio.newInode(), 0, 0, 0, null);
            case CHAR_DEVICE, BLOCK_DEVICE -> cpio.entry(name,
                    (e.type() == EntryType.CHAR_DEVICE ? CpioWriter.S_IFCHR : CpioWriter.S_IFBLK) | perm,
                    e.uid(), e.gid(), 1, e.mtime(), cpio.newInode(), e.devMajor(), e.devMinor(), 0, null);
            case FIFO -> cpio.entry(name, CpioWriter.S_IFIFO | perm, e.uid(), e.gid(), 1, e.mtime(),
                    cpio.newInode(), 0, 0, 0, null);
        }
    }

    /** {@code a/b/c} → {@code a}, {@code a/b}. */
    private static List<String> parents(String name) {
        List<String> out = new ArrayList<>();
        for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
            out.add(name.substring(0, i));
        }
        return out;
    }

    /** A first pass over the stage: hard link counts, directories and symlinks. */
    private static final class StageIndex {
        private final Map<String, Integer> links = new HashMap<>();
        private final Map<String, String> symlinks = new HashMap<>();
        private final Set<String> directories = new HashSet<>();

        static StageIndex read(java.nio.file.Path stage) throws IOException {
            StageIndex index = new StageIndex();
            Map<String, String> linkTargets = new HashMap<>();
            try (InputStream in = Tarballs.open(stage)) {
                TarReader reader = new TarReader(in);
                for (TarEntry e = reader.next(); e != null; e = reader.next()) {
                    String name = Tarballs.cpioName(e.name());
                    switch (e.type()) {
                        case HARDLINK -> {
                            String target = Tarballs.cpioName(e.linkName());
                            index.links.merge(target, 2, (a, b) -> a + 1);
                            linkTargets.put(name, target);
                        }
                        case SYMLINK -> index.symlinks.put(name, e.linkName());
                        case DIRECTORY -> index.directories.add(name);
                        default -> {
                        }
                    }
                }
            }
            // Every name of a link group carries the group's count.
            linkTargets.forEach((name, target) -> index.links.put(name, index.links.get(target)));
            return index;
        }

        int linkCount(String name) {
            return links.getOrDefault(name, 1);
        }

        boolean isDirectory(String name) {
            return directories.contains(name) || name.equals(".");
        }

        /** {@code name} with every directory symlink of the stage on its way followed. */
        String resolve(String name) {
            Deque<String> todo = new ArrayDeque<>(List.of(name.split("/")));
            List<String> done = new ArrayList<>();
            int hops = 0;
            while (!todo.isEmpty()) {
                String part = todo.pop();
                if (part.isEmpty() || part.equals(".")) {
                    continue;
                }
                if (part.equals("..")) {
                    if (!done.isEmpty()) {
                        done.remove(done.size() - 1);
                    }
                    continue;
                }
                done.add(part);
                String target = todo.isEmpty() ? null : symlinks.get(String.join("/", done));
                if (target != null) {
                    if (++hops > MAX_SYMLINK_HOPS) {
                        throw new IllegalArgumentException("too many symbolic links resolving " + name);
                    }
                    done.remove(done.size() - 1);
                    if (target.startsWith("/")) {
                        done.clear();
                    }
                    List<String> parts = List.of(target.split("/"));
                    for (int i = parts.size() - 1; i >= 0; i--) {
                        todo.push(parts.get(i));
                    }
                }
            }
            return done.isEmpty() ? "." : String.join("/", done);
        }
    }
}
