package org.zentoo.archive;

import org.zentoo.testing.Strict;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A small root that holds every kind of thing a Gentoo stage holds, made with the
 * real tools as root: setuid binary with a file capability, hard links, symlinks,
 * devices, a fifo, long names, user/trusted xattrs, mtimes on both sides of the clamp.
 */
final class StageTree {

    /** The clamp the tests pack with; files are made both before and after it. */
    static final Instant CLAMP = Instant.parse("2026-01-01T00:00:00Z");
    static final long PAST = CLAMP.getEpochSecond() - 86_400 * 400;
    static final long FUTURE = CLAMP.getEpochSecond() + 86_400 * 30;

    static final String LONG_DIR = "usr/lib/" + "a-rather-long-directory-name-to-pass-one-hundred-bytes/".repeat(2);

    private StageTree() {
    }

    /** A tree under {@code work/tree} and its archive {@code work/stage3.tar.xz}, packed with {@link #CLAMP}. */
    record Packed(Path tree, PackResult archive) {
    }

    static Packed createAndPack(Path work) throws IOException, InterruptedException {
        Path tree = java.nio.file.Files.createDirectory(work.resolve("tree"));
        create(tree, FUTURE);
        return new Packed(tree, new StageArchiver(null, CLAMP).packDirectory(tree, work.resolve("stage3.tar.xz")));
    }

    /**
     * Creates the tree under {@code root}; {@code futureMtime} lets two copies differ
     * only above the clamp.
     */
    static void create(Path root, long futureMtime) throws IOException, InterruptedException {
        Strict.assume(Shell.has("setcap"), "setcap (Debian package libcap2-bin), to give the stage tree a file capability");
        Strict.assume(Shell.has("setfattr"), "setfattr (Debian package attr), to give the stage tree xattrs");
        Shell.Result probe = Shell.tryBash("touch " + Shell.quote(root) + "/.probe && setcap cap_net_raw+ep "
                + Shell.quote(root) + "/.probe && rm " + Shell.quote(root) + "/.probe");
        Strict.assume(probe.exit() == 0, "the right to set a file capability here (root on a filesystem with"
                + " security xattrs), so the stage tree cannot be built: " + probe.output());
        Shell.bash("cd " + Shell.quote(root) + "\n"
                + "mkdir -p bin etc/ssl dev usr/bin var/empty " + LONG_DIR + "\n"
                + "printf 'root:x:0:0::/root:/bin/bash\\n' > etc/passwd\n"
                + "printf 'bonjour\\n' > etc/motd.fran\u00e7ais\n"
                + "printf 'hello\\n' > etc/motd && chown 123:456 etc/motd && chmod 0640 etc/motd\n"
                + "seq 1 60000 > usr/bin/busybox && chmod 0755 usr/bin/busybox\n"
                + "cp usr/bin/busybox usr/bin/ping && chmod 4711 usr/bin/ping\n"
                + "setcap cap_net_raw+ep usr/bin/ping\n"
                + "ln usr/bin/busybox bin/sh\n"            // hard link pair; bin/sh sorts first
                + "ln usr/bin/busybox " + LONG_DIR + "busybox-with-a-long-name\n"
                + "ln -s ../usr/bin/busybox bin/ls\n"
                + "ln -s /" + LONG_DIR + "busybox-with-a-long-name etc/long-link\n"
                + "mkfifo -m 0600 var/fifo\n"
                + "mknod -m 0666 dev/null c 1 3\n"
                + "mknod -m 0660 dev/nvme0n1p9 b 259 70000 && chown 0:6 dev/nvme0n1p9\n"
                + "chmod 2775 var && chmod 1777 var/empty\n"
                + "setfattr -n user.test -v hello etc/passwd\n"
                + "setfattr -n user.bin -v 0xff00fe80 etc/passwd\n"
                + "setfattr -n trusted.zentoo -v yes etc/ssl\n"
                + "setfattr -n 'user.key=with%signs' -v 1 etc/ssl\n"
                // what setfacl -m u:1234:rw writes; tar --xattrs-include='*' packs it as an xattr
                + "printf 'acl\\n' > etc/acl && setfattr -n system.posix_acl_access -v 0x"
                + "0200000001000600ffffffff02000600d204000004000400ffffffff10000600ffffffff20000400ffffffff etc/acl\n"
                + "printf '%s\\n' data > " + LONG_DIR + "file-with-a-name-that-makes-the-path-long\n"
                // mtimes last, children before parents, so creating files doesn't move them again
                + "find . -depth -exec touch -h -d @" + PAST + " {} +\n"
                + "touch -h -d @" + futureMtime + " etc/motd bin/ls usr/bin/busybox dev/null var .\n");
    }
}
