package org.zentoo.seed;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** A tiny but real stage3 tarball and the DIGESTS text a Gentoo mirror would publish with it. */
final class StageFixture {

    static final String NAME = "stage3-amd64-openrc-20260101T170000Z.tar.xz";
    /** Big enough that a transfer can be cut part-way; incompressible so the .tar.xz keeps the size. */
    private static final int PAYLOAD_BYTES = 256 * 1024;

    private StageFixture() {
    }

    /** A stage with the links a real one has, plus {@code extra} entries (without content) at the end. */
    static byte[] tarball(TarArchiveEntry... extra) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZOutputStream(bytes, new LZMA2Options(0)))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            add(tar, "./etc/os-release", "NAME=Gentoo\nID=gentoo\n".getBytes(StandardCharsets.UTF_8));
            byte[] payload = new byte[PAYLOAD_BYTES];
            new Random(4).nextBytes(payload);
            add(tar, "./usr/bin/busybox", payload);
            // Merged /usr, a relative link within the tree, an absolute link (resolved inside the root), a hard link.
            for (TarArchiveEntry entry : List.of(symlink("./bin", "usr/bin"), symlink("./usr/sbin/sh", "../bin/busybox"),
                    symlink("./etc/mtab", "/proc/self/mounts"), hardlink("./usr/bin/ash", "./usr/bin/busybox"))) {
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
            for (TarArchiveEntry entry : extra) {
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** DIGESTS in Gentoo's layout: a BLAKE2B and a SHA512 block for the tarball and its CONTENTS. */
    static String digests(byte[] tarball) {
        String blake2b = "b".repeat(128);
        return "# BLAKE2B HASH\n" + blake2b + "  " + NAME + "\n"
                + "# SHA512 HASH\n" + sha512(tarball) + "  " + NAME + "\n"
                + "# BLAKE2B HASH\n" + blake2b + "  " + NAME + ".CONTENTS.gz\n"
                + "# SHA512 HASH\n" + "c".repeat(128) + "  " + NAME + ".CONTENTS.gz\n";
    }

    static String sha512(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static TarArchiveEntry file(String name) {
        return new TarArchiveEntry(name, true);
    }

    static TarArchiveEntry symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        return entry;
    }

    static TarArchiveEntry hardlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        entry.setLinkName(target);
        return entry;
    }

    static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
