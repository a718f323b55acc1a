package org.zentoo.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads ustar, pax (as written by GNU tar and by Go's archive/tar, which {@code docker
 * export} uses) and GNU long-name tar streams. Names come back exactly as stored;
 * times are floored to whole seconds; atime, ctime and owner names are dropped.
 */
public final class TarReader {

    private static final BoundedInputStream NO_DATA = new BoundedInputStream(0, "") {
        @Override
        protected int readSome(byte[] b, int off, int len) {
            return -1;
        }
    };

    private static final String LIBARCHIVE_XATTR = "LIBARCHIVE.xattr.";

    private final InputStream in;
    private final byte[] block = new byte[TarFields.BLOCK];
    private Map<String, byte[]> globalPax = new HashMap<>();
    private BoundedInputStream data = NO_DATA;
    private long unreadPadding;
    private long offset;

    public TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry, or null at the end of the archive. Its data is read through {@link #data()}. */
    public TarEntry next() throws IOException {
        skip(data.remaining() + unreadPadding);
        data = NO_DATA;
        unreadPadding = 0;
        Map<String, byte[]> pax = new HashMap<>(globalPax);
        String longName = null;
        String longLink = null;
        while (true) {
            long headerOffset = offset;
            if (!readBlock() || TarFields.isZero(block)) {
                return null;
            }
            if (!TarFields.checksumMatches(block)) {
                throw new MalformedTarException("bad header checksum at byte " + headerOffset);
            }
            char type = (char) block[TarFields.TYPEFLAG];
            long size = TarFields.parseNumber(block, TarFields.SIZE, TarFields.SIZE_LEN);
            switch (type) {
                case 'x' -> pax.putAll(PaxRecords.decode(readPayload(size)));
                case 'g' -> {
                    globalPax.putAll(PaxRecords.decode(readPayload(size)));
                    pax.putAll(globalPax);
                }
                case 'L' -> longName = TarFields.parseBytes(readPayload(size), 0, (int) size);
                case 'K' -> longLink = TarFields.parseBytes(readPayload(size), 0, (int) size);
                case 'V' -> skip(size + TarFields.padding(size));
                default -> {
                    return entry(type, size, pax, longName, longLink, headerOffset);
                }
            }
        }
    }

    /** The current entry's data; valid until the next call to {@link #next()}. */
    public InputStream data() {
        return data;
    }

    private TarEntry entry(char flag, long headerSize, Map<String, byte[]> pax, String longName, String longLink,
                           long headerOffset) throws IOException {
        String name = longName != null ? longName : ustarName();
        String link = longLink != null ? longLink : TarFields.parseBytes(block, TarFields.LINKNAME, TarFields.LINKNAME_LEN);
        long size = headerSize;
        long uid = TarFields.parseNumber(block, TarFields.UID, TarFields.UID_LEN);
        long gid = TarFields.parseNumber(block, TarFields.GID, TarFields.GID_LEN);
        long mtime = TarFields.parseNumber(block, TarFields.MTIME, TarFields.MTIME_LEN);
        int major = (int) TarFields.parseNumber(block, TarFields.DEVMAJOR, TarFields.DEVMAJOR_LEN);
        int minor = (int) TarFields.parseNumber(block, TarFields.DEVMINOR, TarFields.DEVMINOR_LEN);
        Map<String, byte[]> xattrs = new TreeMap<>();
        for (Map.Entry<String, byte[]> record : pax.entrySet()) {
            String key = record.getKey();
            String value = PaxRecords.text(record.getValue());
            switch (key) {
                case "path" -> name = value;
                case "linkpath" -> link = value;
                case "size" -> size = decimal(key, value);
                case "uid" -> uid = decimal(key, value);
                case "gid" -> gid = decimal(key, value);
                case "mtime" -> mtime = seconds(value);
                case "SCHILY.devmajor" -> major = (int) decimal(key, value);
                case "SCHILY.devminor" -> minor = (int) decimal(key, value);
                default -> {
                    if (PaxRecords.xattrName(key) != null) {
                        xattrs.put(PaxRecords.xattrName(key), record.getValue());
                    } else if (key.startsWith(LIBARCHIVE_XATTR)) {
                        // bsdtar's spelling: percent-encoded name, base64 value
                        xattrs.put(PaxRecords.percentDecode(key.substring(LIBARCHIVE_XATTR.length())),
                                base64(key, value));
                    } else if (key.startsWith("GNU.sparse.")) {
                        throw new MalformedTarException("sparse file " + ByteStrings.display(name)
                                + " at byte " + headerOffset + ": sparse entries are not supported");
                    }
                    // atime, ctime, uname, gname, charsets and comments carry nothing a stage keeps.
                }
            }
        }
        EntryType type = type(flag, name, headerOffset);
        String endedEarly = "tar stream ended inside the data of " + ByteStrings.display(name);
        data = new BoundedInputStream(size, endedEarly) {
            @Override
            protected int readSome(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                offset += Math.max(n, 0);
                return n;
            }
        };
        unreadPadding = TarFields.padding(size);
        int mode = (int) (TarFields.parseNumber(block, TarFields.MODE, TarFields.MODE_LEN) & 07777);
        long entrySize = type == EntryType.FILE ? size : 0;
        if (type == EntryType.DIRECTORY && !name.endsWith("/")) {
            name = name + "/";
        }
        return TarEntry.of(name, type, mode, uid, gid, entrySize, mtime, link, major, minor, xattrs);
    }

    /** POSIX ustar splits long names into prefix and name; the old GNU magic uses that space for times. */
    private String ustarName() {
        String name = TarFields.parseBytes(block, TarFields.NAME, TarFields.NAME_LEN);
        String magic = TarFields.parseBytes(block, TarFields.MAGIC, TarFields.MAGIC_LEN);
        boolean posixUstar = "ustar".equals(magic) && block[TarFields.MAGIC + 5] == 0;
        String prefix = posixUstar ? TarFields.parseBytes(block, TarFields.PREFIX, TarFields.PREFIX_LEN) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static EntryType type(char flag, String name, long headerOffset) throws MalformedTarException {
        return switch (flag) {
            case '0', '\0', '7' -> name.endsWith("/") ? EntryType.DIRECTORY : EntryType.FILE;
            case '1' -> EntryType.HARDLINK;
            case '2' -> EntryType.SYMLINK;
            case '3' -> EntryType.CHAR_DEVICE;
            case '4' -> EntryType.BLOCK_DEVICE;
            case '5' -> EntryType.DIRECTORY;
            case '6' -> EntryType.FIFO;
            default -> throw new MalformedTarException("entry " + ByteStrings.display(name) + " at byte "
                    + headerOffset + " has tar type '" + flag + "', which a stage cannot hold");
        };
    }

    private static byte[] base64(String key, String value) throws MalformedTarException {
        try {
            return Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new MalformedTarException("pax record " + key + " is not base64");
        }
    }

    private static long decimal(String key, String value) throws MalformedTarException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new MalformedTarException("pax record " + key + "=" + value + " is not a number");
        }
    }

    /** Pax times may carry a fraction; whole seconds are all a reproducible stage keeps. */
    private static long seconds(String value) throws MalformedTarException {
        try {
            return new BigDecimal(value.trim()).setScale(0, RoundingMode.FLOOR).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new MalformedTarException("pax record mtime=" + value + " is not a time");
        }
    }

    private byte[] readPayload(long size) throws IOException {
        if (size > 64L * 1024 * 1024) {
            throw new MalformedTarException("extended header of " + size + " bytes at byte " + offset);
        }
        byte[] payload = in.readNBytes((int) size);
        if (payload.length != size) {
            throw new EOFException("tar stream ended inside an extended header");
        }
        offset += size;
        skip(TarFields.padding(size));
        return payload;
    }

    /** False at a clean end of stream (some writers omit the two zero blocks). */
    private boolean readBlock() throws IOException {
        int n = in.readNBytes(block, 0, block.length);
        offset += n;
        if (n == 0) {
            return false;
        }
        if (n != block.length) {
            throw new EOFException("tar stream ended inside a header");
        }
        return true;
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long n = in.skip(left);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("tar stream ended inside a file's data");
                }
                n = 1;
            }
            left -= n;
        }
        offset += bytes;
    }
}
