package org.zentoo.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a cpio archive in the "newc" format (magic {@code 070701}), the one the
 * Linux kernel unpacks as an initramfs: a 110-byte ASCII header of thirteen 8-digit
 * hex fields, the NUL-terminated name, padding to 4 bytes, the data, padding to 4
 * bytes; {@code TRAILER!!!} ends the archive.
 *
 * <p>Hard links share an inode number and carry their link count; the data goes with
 * the first of them and the others have size 0, which the kernel turns into a link
 * to the first (and GNU cpio too). Names are written as given, one byte per char
 * (ISO-8859-1, as {@link org.zentoo.archive.TarEntry} holds them).
 */
public final class CpioWriter implements AutoCloseable {

    public static final int S_IFIFO = 0010000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFLNK = 0120000;

    private static final long MAX_FIELD = 0xFFFF_FFFFL;
    private static final String TRAILER = "TRAILER!!!";

    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];
    private long written;
    private long nextInode = 1;
    private boolean finished;

    public CpioWriter(OutputStream out) {
        this.out = out;
    }

    /** A fresh inode number, for an entry that is no hard link of an earlier one. */
    public long newInode() {
        return nextInode++;
    }

    /**
     * One entry. {@code mode} holds the type bits ({@link #S_IFREG}, …) and the permission bits.
     *
     * @param data exactly {@code size} bytes (a symlink's target for {@link #S_IFLNK}); may be null when size is 0
     */
    public void entry(String name, int mode, long uid, long gid, long nlink, long mtime, long inode,
                      int rdevMajor, int rdevMinor, long size, InputStream data) throws IOException {
        if (finished) {
            throw new IllegalStateException("the archive is finished");
        }
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("bad cpio name '" + name + "'");
        }
        if (size > MAX_FIELD) {
            throw new IOException(name + " has " + size + " bytes; a newc cpio entry holds at most 4 GiB - 1");
        }
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.ISO_8859_1);
        StringBuilder h = new StringBuilder(110).append("070701");
        for (long v : new long[] {inode, mode, uid, gid, nlink, Math.max(0, Math.min(mtime, MAX_FIELD)), size,
                0, 0, rdevMajor, rdevMinor, nameBytes.length, 0}) {
            if (v < 0 || v > MAX_FIELD) {
                throw new IllegalArgumentException(name + ": cpio header value " + v + " out of range");
            }
            String hex = Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
            h.append("0".repeat(8 - hex.length())).append(hex);
        }
        write(h.toString().getBytes(StandardCharsets.US_ASCII));
        write(nameBytes);
        pad();
        long left = size;
        while (left > 0) {
            int n = data.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException(name + ": data ended " + left + " bytes early");
            }
            out.write(buffer, 0, n);
            written += n;
            left -= n;
        }
        pad();
    }

    public void directory(String name, int perm, long mtime) throws IOException {
        entry(name, S_IFDIR | perm, 0, 0, 2, mtime, newInode(), 0, 0, 0, null);
    }

    public void file(String name, int perm, long mtime, byte[] content) throws IOException {
        entry(name, S_IFREG | perm, 0, 0, 1, mtime, newInode(), 0, 0, content.length,
                new java.io.ByteArrayInputStream(content));
    }

    public void charDevice(String name, int perm, int major, int minor) throws IOException {
        entry(name, S_IFCHR | perm, 0, 0, 1, 0, newInode(), major, minor, 0, null);
    }

    /** Writes the trailer entry; the stream stays open. */
    public void finish() throws IOException {
        if (!finished) {
            entry(TRAILER, 0, 0, 0, 1, 0, 0, 0, 0, 0, null);
            finished = true;
            out.flush();
        }
    }

    /** Bytes written so far. */
    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        written += bytes.length;
    }

    private void pad() throws IOException {
        while (written % 4 != 0) {
            out.write(0);
            written++;
        }
    }
}
