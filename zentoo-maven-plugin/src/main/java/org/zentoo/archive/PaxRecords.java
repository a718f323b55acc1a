package org.zentoo.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payload of a pax extended header: records {@code "<length> <key>=<value>\n"},
 * where the length counts its own digits. Values are kept as bytes because
 * {@code SCHILY.xattr.*} values (security.capability, for one) are binary.
 */
final class PaxRecords {

    static final String XATTR_PREFIX = "SCHILY.xattr.";

    private PaxRecords() {
    }

    static byte[] encode(Map<String, byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> record : records.entrySet()) {
            byte[] key = TarEntry.bytes(record.getKey());
            int body = 1 + key.length + 1 + record.getValue().length + 1;
            int length = body + Integer.toString(body).length();
            if (Integer.toString(length).length() != Integer.toString(body).length()) {
                length++;
            }
            out.writeBytes((length + " ").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(key);
            out.write('=');
            out.writeBytes(record.getValue());
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** Parses records in order; a later record with the same key wins, as POSIX says. */
    static Map<String, byte[]> decode(byte[] payload) throws MalformedTarException {
        Map<String, byte[]> records = new LinkedHashMap<>();
        int pos = 0;
        while (pos < payload.length) {
            if (payload[pos] == 0) {
                break;
            }
            int space = indexOf(payload, (byte) ' ', pos);
            if (space < 0) {
                throw new MalformedTarException("pax record without length at offset " + pos);
            }
            int length;
            try {
                length = Integer.parseInt(new String(payload, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new MalformedTarException("pax record with a bad length at offset " + pos);
            }
            int end = pos + length;
            int equals = indexOf(payload, (byte) '=', space);
            if (length <= 0 || end > payload.length || equals < 0 || equals >= end || payload[end - 1] != '\n') {
                throw new MalformedTarException("malformed pax record at offset " + pos);
            }
            String key = ByteStrings.fromBytes(payload, space + 1, equals - space - 1);
            records.put(key, Arrays.copyOfRange(payload, equals + 1, end - 1));
            pos = end;
        }
        return records;
    }

    /**
     * The record key for an xattr. A name may contain '=', which would end the key, so
     * GNU tar writes '%' as {@code %25} and '=' as {@code %3D}; so do we.
     */
    static String xattrKey(String name) {
        return XATTR_PREFIX + name.replace("%", "%25").replace("=", "%3D");
    }

    /** The xattr name of a {@code SCHILY.xattr.} key, or null for any other key. */
    static String xattrName(String key) {
        if (!key.startsWith(XATTR_PREFIX)) {
            return null;
        }
        return key.substring(XATTR_PREFIX.length()).replace("%3D", "=").replace("%25", "%");
    }

    /** Decodes {@code %XX} escapes (RFC 3986 style, no '+' for space) into a byte string. */
    static String percentDecode(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length() && isHex(encoded.charAt(i + 1)) && isHex(encoded.charAt(i + 2))) {
                out.append((char) Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    static String text(byte[] value) {
        return ByteStrings.fromBytes(value);
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
