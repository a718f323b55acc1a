package org.zentoo.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes pax-format tar as GNU {@code tar --format=posix --numeric-owner --xattrs}
 * would, minus everything that varies between runs: no atime/ctime, no user or group
 * names, whole-second mtimes, pax headers named after the entry (never after a pid).
 * Does not close the stream it writes to.
 */
final class TarWriter {

    /** GNU tar's default record size (blocking factor 20); archives end on a record boundary. */
    static final int RECORD = 20 * TarFields.BLOCK;

    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];
    private long written;
    private long entries;

    TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes one entry; {@code data} must yield exactly {@code entry.size()} bytes. */
    void write(TarEntry entry, InputStream data) throws IOException {
        Map<String, byte[]> pax = paxRecords(entry);
        if (!pax.isEmpty()) {
            byte[] payload = PaxRecords.encode(pax);
            writeBlock(header(paxHeaderName(entry.name()), 'x', 0644, 0, 0, payload.length,
                    headerMtime(entry), "", 0, 0));
            writeData(payload);
        }
        writeBlock(header(entry.name(), entry.type().flag(), entry.mode(), fieldOrZero(entry.uid(), TarFields.UID_LEN),
                fieldOrZero(entry.gid(), TarFields.GID_LEN), fieldOrZero(entry.size(), TarFields.SIZE_LEN),
                headerMtime(entry), entry.linkName(), entry.devMajor(), entry.devMinor()));
        copyData(entry, data);
        entries++;
    }

    /** Two zero blocks end the archive; then pad to a whole record, as GNU tar does. */
    void finish() throws IOException {
        byte[] zero = new byte[TarFields.BLOCK];
        writeBlock(zero);
        writeBlock(zero);
        while (written % RECORD != 0) {
            writeBlock(zero);
        }
        out.flush();
    }

    long entries() {
        return entries;
    }

    private static Map<String, byte[]> paxRecords(TarEntry entry) {
        Map<String, byte[]> pax = new LinkedHashMap<>();
        if (entry.name().length() > TarFields.NAME_LEN) {
            pax.put("path", TarEntry.bytes(entry.name()));
        }
        if (entry.linkName().length() > TarFields.LINKNAME_LEN) {
            pax.put("linkpath", TarEntry.bytes(entry.linkName()));
        }
        putIfTooLarge(pax, "size", entry.size(), TarFields.SIZE_LEN);
        putIfTooLarge(pax, "uid", entry.uid(), TarFields.UID_LEN);
        putIfTooLarge(pax, "gid", entry.gid(), TarFields.GID_LEN);
        putIfTooLarge(pax, "mtime", entry.mtime(), TarFields.MTIME_LEN);
        entry.xattrs().forEach((name, value) -> pax.put(PaxRecords.xattrKey(name), value));
        return pax;
    }

    private static void putIfTooLarge(Map<String, byte[]> pax, String key, long value, int field) {
        if (value < 0 || value > TarFields.octalMax(field)) {
            pax.put(key, Long.toString(value).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** A value the pax header carries instead is written as 0 in the ustar field. */
    private static long fieldOrZero(long value, int field) {
        return value < 0 || value > TarFields.octalMax(field) ? 0 : value;
    }

    private static long headerMtime(TarEntry entry) {
        return fieldOrZero(entry.mtime(), TarFields.MTIME_LEN);
    }

    /** GNU tar's default {@code %d/PaxHeaders/%f}: stable, and tells old tars what the blob belongs to. */
    static String paxHeaderName(String name) {
        String path = TarEntryOrder.withoutTrailingSlash(name);
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "." : path.substring(0, slash);
        String base = path.substring(slash + 1);
        String header = dir + "/PaxHeaders/" + base;
        return header.length() > TarFields.NAME_LEN ? header.substring(0, TarFields.NAME_LEN) : header;
    }

    private static byte[] header(String name, char type, int mode, long uid, long gid, long size, long mtime,
                                 String linkName, int devMajor, int devMinor) {
        byte[] header = new byte[TarFields.BLOCK];
        TarFields.putBytes(header, TarFields.NAME, TarFields.NAME_LEN, name);
        TarFields.putOctal(header, TarFields.MODE, TarFields.MODE_LEN, mode & 07777);
        TarFields.putOctal(header, TarFields.UID, TarFields.UID_LEN, uid);
        TarFields.putOctal(header, TarFields.GID, TarFields.GID_LEN, gid);
        TarFields.putOctal(header, TarFields.SIZE, TarFields.SIZE_LEN, size);
        TarFields.putOctal(header, TarFields.MTIME, TarFields.MTIME_LEN, mtime);
        header[TarFields.TYPEFLAG] = (byte) type;
        TarFields.putBytes(header, TarFields.LINKNAME, TarFields.LINKNAME_LEN, linkName);
        TarFields.putBytes(header, TarFields.MAGIC, TarFields.MAGIC_LEN, "ustar\0");
        TarFields.putBytes(header, TarFields.VERSION, 2, "00");
        TarFields.putOctal(header, TarFields.DEVMAJOR, TarFields.DEVMAJOR_LEN, devMajor);
        TarFields.putOctal(header, TarFields.DEVMINOR, TarFields.DEVMINOR_LEN, devMinor);
        TarFields.putChecksum(header);
        return header;
    }

    private void copyData(TarEntry entry, InputStream data) throws IOException {
        long remaining = entry.size();
        while (remaining > 0) {
            int n = data.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new IOException(entry.displayName() + " shrank while it was being packed ("
                        + remaining + " of " + entry.size() + " bytes missing)");
            }
            out.write(buffer, 0, n);
            written += n;
            remaining -= n;
        }
        pad(entry.size());
    }

    private void writeData(byte[] data) throws IOException {
        out.write(data);
        written += data.length;
        pad(data.length);
    }

    private void pad(long size) throws IOException {
        int padding = (int) TarFields.padding(size);
        if (padding > 0) {
            out.write(new byte[padding]);
            written += padding;
        }
    }

    private void writeBlock(byte[] block) throws IOException {
        out.write(block);
        written += block.length;
    }
}
