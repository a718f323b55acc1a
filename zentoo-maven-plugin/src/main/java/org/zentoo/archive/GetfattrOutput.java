package org.zentoo.archive;

import java.io.IOException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Parses {@code getfattr -d -e hex --absolute-names} output:
 * <pre>
 * # file: /root/usr/bin/ping
 * security.capability=0x0100000200200000...
 * </pre>
 * getfattr escapes a backslash, newline, '=' and other special bytes in file and
 * attribute names as {@code \ooo} octal; other bytes (UTF-8 included) come raw.
 */
final class GetfattrOutput {

    private static final String FILE = "# file: ";

    private GetfattrOutput() {
    }

    /** Attributes by file path (a byte string, as getfattr printed it after unescaping). */
    static Map<String, SortedMap<String, byte[]>> parse(byte[] output) throws IOException {
        Map<String, SortedMap<String, byte[]>> byPath = new HashMap<>();
        SortedMap<String, byte[]> current = null;
        for (String line : ByteStrings.fromBytes(output).split("\n")) {
            if (line.startsWith(FILE)) {
                current = new TreeMap<>();
                byPath.put(unescape(line.substring(FILE.length())), current);
            } else if (!line.isEmpty()) {
                int equals = line.indexOf('=');
                if (current == null || equals < 0) {
                    throw new IOException("unexpected getfattr output line: " + line);
                }
                current.put(unescape(line.substring(0, equals)), value(line.substring(equals + 1)));
            }
        }
        return byPath;
    }

    private static byte[] value(String encoded) throws IOException {
        if (encoded.isEmpty()) {
            return new byte[0];
        }
        if (!encoded.startsWith("0x")) {
            throw new IOException("getfattr printed a value not in hex: " + encoded);
        }
        return HexFormat.of().parseHex(encoded.substring(2));
    }

    static String unescape(String escaped) {
        StringBuilder out = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && isOctal(escaped, i + 1)) {
                out.append((char) Integer.parseInt(escaped.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
