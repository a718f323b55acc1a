package org.zentoo.archive;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PaxRecordsTest {

    @Test
    void lengthCountsItsOwnDigitsAcrossTheDecimalBoundary() {
        // "9 " + "k=" + 4 value bytes + "\n" would be 9 bytes with a 1-digit length; with 5 it needs 2 digits
        for (int valueLength = 0; valueLength < 120; valueLength++) {
            Map<String, byte[]> records = Map.of("k", "v".repeat(valueLength).getBytes(StandardCharsets.US_ASCII));
            byte[] encoded = PaxRecords.encode(records);
            String text = new String(encoded, StandardCharsets.US_ASCII);
            assertEquals(encoded.length, Integer.parseInt(text.substring(0, text.indexOf(' '))), text);
        }
    }

    @Test
    void binaryXattrValuesSurviveARoundTrip() throws MalformedTarException {
        byte[] capability = {1, 0, 0, 2, 0, 0x20, 0, 0, (byte) 0x80, (byte) 0xff, '\n', '=', 0, 0};
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("path", "./a".getBytes(StandardCharsets.US_ASCII));
        records.put("SCHILY.xattr.security.capability", capability);

        Map<String, byte[]> decoded = PaxRecords.decode(PaxRecords.encode(records));

        assertArrayEquals(capability, decoded.get("SCHILY.xattr.security.capability"));
        assertEquals("./a", PaxRecords.text(decoded.get("path")));
    }

    @Test
    void xattrNamesWithEqualsSignsAreEscapedLikeGnuTarDoes() {
        assertEquals("SCHILY.xattr.user.a%3Db%25c", PaxRecords.xattrKey("user.a=b%c"));
        assertEquals("user.a=b%c", PaxRecords.xattrName("SCHILY.xattr.user.a%3Db%25c"));
        assertEquals(null, PaxRecords.xattrName("SCHILY.acl.access"));
        assertEquals("user.a b+c=", PaxRecords.percentDecode("user.a%20b+c%3d"));
    }

    @Test
    void truncatedRecordIsMalformed() {
        byte[] bad = "30 path=short\n".getBytes(StandardCharsets.US_ASCII);

        assertThrows(MalformedTarException.class, () -> PaxRecords.decode(bad));
    }
}
