package org.zentoo.archive;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TarFieldsTest {

    @Test
    void readsOctalWithTheSpacesAndNulsOldTarsPadWith() {
        byte[] field = " 000755 \0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertEquals(0755, TarFields.parseNumber(field, 0, 8));
    }

    @Test
    void readsGnuBase256ForValuesOctalCannotHold() {
        byte[] large = {(byte) 0x80, 0, 0, 0, 0, 0x01, 0x00, 0x00};       // 65536 as a uid
        byte[] negative = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe};

        assertEquals(65536, TarFields.parseNumber(large, 0, 8));
        assertEquals(-2, TarFields.parseNumber(negative, 0, 12));
    }

    @Test
    void writesZeroPaddedOctalWithATrailingNulAndRefusesOverflow() {
        byte[] header = new byte[TarFields.BLOCK];
        TarFields.putOctal(header, TarFields.MODE, TarFields.MODE_LEN, 04755);

        assertEquals("0004755", TarFields.parseBytes(header, TarFields.MODE, TarFields.MODE_LEN));
        assertThrows(IllegalArgumentException.class,
                () -> TarFields.putOctal(header, TarFields.UID, TarFields.UID_LEN, 010000000));
        TarFields.putChecksum(header);
        assertTrue(TarFields.checksumMatches(header));
    }
}
