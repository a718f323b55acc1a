package org.zentoo.archive;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Offsets of the ustar header fields (POSIX.1-1988, as extended by pax) and the
 * encoding of their numbers.
 */
final class TarFields {

    static final int BLOCK = 512;
    static final int NAME = 0, NAME_LEN = 100;
    static final int MODE = 100, MODE_LEN = 8;
    static final int UID = 108, UID_LEN = 8;
    static final int GID = 116, GID_LEN = 8;
    static final int SIZE = 124, SIZE_LEN = 12;
    static final int MTIME = 136, MTIME_LEN = 12;
    static final int CHKSUM = 148, CHKSUM_LEN = 8;
    static final int TYPEFLAG = 156;
    static final int LINKNAME = 157, LINKNAME_LEN = 100;
    static final int MAGIC = 257, MAGIC_LEN = 6;
    static final int VERSION = 263;
    static final int DEVMAJOR = 329, DEVMAJOR_LEN = 8;
    static final int DEVMINOR = 337, DEVMINOR_LEN = 8;
    static final int PREFIX = 345, PREFIX_LEN = 155;

    private TarFields() {
    }

    /** The largest value {@code length - 1} octal digits (plus a NUL) can hold. */
    static long octalMax(int length) {
        return (1L << (3 * (length - 1))) - 1;
    }

    static void putOctal(byte[] header, int offset, int length, long value) {
        if (value < 0 || value > octalMax(length)) {
            throw new IllegalArgumentException(value + " does not fit a " + length + "-byte tar field");
        }
        String digits = Long.toOctalString(value);
        int pad = length - 1 - digits.length();
        Arrays.fill(header, offset, offset + pad, (byte) '0');
        for (int i = 0; i < digits.length(); i++) {
            header[offset + pad + i] = (byte) digits.charAt(i);
        }
        header[offset + length - 1] = 0;
    }

    /** Copies a byte string into a field, NUL-padded; the caller made sure it fits. */
    static void putBytes(byte[] header, int offset, int length, String byteString) {
        byte[] bytes = TarEntry.bytes(byteString);
        System.arraycopy(bytes, 0, header, offset, Math.min(length, bytes.length));
    }

    static void putChecksum(byte[] header) {
        Arrays.fill(header, CHKSUM, CHKSUM + CHKSUM_LEN, (byte) ' ');
        long sum = unsignedSum(header);
        putOctal(header, CHKSUM, 7, sum);
        header[CHKSUM + 7] = ' ';
    }

    static long unsignedSum(byte[] header) {
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        return sum;
    }

    /** Historic tars summed signed chars; accepting both is what GNU tar does too. */
    static boolean checksumMatches(byte[] header) {
        long stored = parseNumber(header, CHKSUM, CHKSUM_LEN);
        byte[] copy = header.clone();
        Arrays.fill(copy, CHKSUM, CHKSUM + CHKSUM_LEN, (byte) ' ');
        long signed = 0;
        for (byte b : copy) {
            signed += b;
        }
        return stored == unsignedSum(copy) || stored == signed;
    }

    /** Reads an octal field, or a GNU/star base-256 one (high bit of the first byte set). */
    static long parseNumber(byte[] header, int offset, int length) {
        if ((header[offset] & 0x80) != 0) {
            byte[] raw = Arrays.copyOfRange(header, offset, offset + length);
            boolean negative = (raw[0] & 0x40) != 0;
            raw[0] = (byte) (negative ? raw[0] | 0x80 : raw[0] & 0x7f);
            return new BigInteger(raw).longValueExact();
        }
        long value = 0;
        int i = offset;
        int end = offset + length;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        for (; i < end && header[i] >= '0' && header[i] <= '7'; i++) {
            value = value * 8 + (header[i] - '0');
        }
        return value;
    }

    /** A NUL-terminated (or field-filling) byte string. */
    static String parseBytes(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return ByteStrings.fromBytes(header, offset, end - offset);
    }

    static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    static long padding(long size) {
        long rest = size % BLOCK;
        return rest == 0 ? 0 : BLOCK - rest;
    }
}
