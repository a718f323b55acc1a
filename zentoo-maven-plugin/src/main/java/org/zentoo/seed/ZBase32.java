package org.zentoo.seed;

/**
 * z-base-32 (Zooko's human-oriented base 32), which the Web Key Directory uses to
 * name a key by the hash of its address. Bits are taken most significant first,
 * five at a time; there is no padding.
 */
final class ZBase32 {

    private static final char[] ALPHABET = "ybndrfg8ejkmcpqxot1uwisza345h769".toCharArray();

    private ZBase32() {
    }

    static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.append(ALPHABET[(buffer >>> bits) & 0x1F]);
            }
        }
        if (bits > 0) {
            // The last group is filled up with zero bits on the right.
            out.append(ALPHABET[(buffer << (5 - bits)) & 0x1F]);
        }
        return out.toString();
    }
}
