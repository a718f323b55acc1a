package org.zentoo.archive;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One entry of a stage tarball, already in the form Zentoo writes it.
 *
 * <p>Names, link targets and xattr names are Linux byte strings, not text: a file name
 * may be any bytes but NUL and '/'. They are held as ISO-8859-1 strings, one char per
 * byte, so that comparing chars compares bytes the way {@code tar --sort=name} does and
 * {@code length()} is the byte length a header field must hold.
 *
 * @param name      {@code ./} for the root, {@code ./dir/} for directories, {@code ./dir/file} otherwise
 * @param mode      permission bits including setuid, setgid and sticky (07777)
 * @param size      bytes of data that follow the header; 0 for everything but {@link EntryType#FILE}
 * @param mtime     seconds since the epoch
 * @param linkName  symlink target, or the entry name a hard link points to; "" otherwise
 * @param xattrs    extended attributes by name, sorted so that output does not depend on listxattr order
 */
public record TarEntry(String name, EntryType type, int mode, long uid, long gid, long size, long mtime,
                       String linkName, int devMajor, int devMinor, SortedMap<String, byte[]> xattrs) {

    public TarEntry {
        xattrs = Collections.unmodifiableSortedMap(new TreeMap<>(xattrs));
    }

    public TarEntry withMtime(long seconds) {
        return new TarEntry(name, type, mode, uid, gid, size, seconds, linkName, devMajor, devMinor, xattrs);
    }

    /** The same entry owned by {@code uid:gid}. */
    public TarEntry withOwner(long newUid, long newGid) {
        return new TarEntry(name, type, mode, newUid, newGid, size, mtime, linkName, devMajor, devMinor, xattrs);
    }

    public TarEntry withName(String newName) {
        return new TarEntry(newName, type, mode, uid, gid, size, mtime, linkName, devMajor, devMinor, xattrs);
    }

    /** The same inode seen under another name: GNU tar writes it without data and without xattrs. */
    public TarEntry asHardLinkTo(String firstName, String newName) {
        return new TarEntry(newName, EntryType.HARDLINK, mode, uid, gid, 0, mtime, firstName, 0, 0,
                new TreeMap<>());
    }

    /** The name as UTF-8 text where it is valid, for messages and reports. */
    public String displayName() {
        return ByteStrings.display(name);
    }

    /** Xattr values by name; the map is unmodifiable but the arrays are shared, so don't change them. */
    @Override
    public SortedMap<String, byte[]> xattrs() {
        return xattrs;
    }

    /** Records compare arrays by identity; two entries with the same xattr bytes are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof TarEntry e && name.equals(e.name) && type == e.type && mode == e.mode
                && uid == e.uid && gid == e.gid && size == e.size && mtime == e.mtime
                && linkName.equals(e.linkName) && devMajor == e.devMajor && devMinor == e.devMinor
                && xattrsEqual(xattrs, e.xattrs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, mode, uid, gid, size, mtime, linkName, devMajor, devMinor, xattrs.keySet());
    }

    private static boolean xattrsEqual(SortedMap<String, byte[]> a, SortedMap<String, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : a.entrySet()) {
            if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    static TarEntry of(String name, EntryType type, int mode, long uid, long gid, long size, long mtime,
                       String linkName, int devMajor, int devMinor, Map<String, byte[]> xattrs) {
        return new TarEntry(name, type, mode, uid, gid, size, mtime, linkName, devMajor, devMinor,
                new TreeMap<>(xattrs));
    }

    static byte[] bytes(String byteString) {
        return byteString.getBytes(StandardCharsets.ISO_8859_1);
    }
}
