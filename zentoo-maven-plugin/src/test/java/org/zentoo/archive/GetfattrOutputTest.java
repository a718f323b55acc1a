package org.zentoo.archive;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GetfattrOutputTest {

    @Test
    void parsesEscapedNamesAndHexValues() throws Exception {
        byte[] output = ("# file: /r/we ird/a=b\\012c\n"
                + "user.a\\075b=0x31\n"
                + "\n"
                + "# file: /r/usr/bin/ping\n"
                + "security.capability=0x0100000200200000000000000000000000000000\n"
                + "user.empty=\n"
                + "\n").getBytes(StandardCharsets.ISO_8859_1);

        Map<String, SortedMap<String, byte[]>> parsed = GetfattrOutput.parse(output);

        assertArrayEquals(new byte[] {'1'}, parsed.get("/r/we ird/a=b\nc").get("user.a=b"));
        SortedMap<String, byte[]> ping = parsed.get("/r/usr/bin/ping");
        assertEquals(20, ping.get("security.capability").length);
        assertEquals(0, ping.get("user.empty").length);
    }

    @Test
    void rawUtf8BytesAndBackslashesArePathBytes() {
        String raw = ByteStrings.fromBytes("/r/é\\134x".getBytes(StandardCharsets.UTF_8));

        assertEquals(ByteStrings.fromBytes("/r/é\\x".getBytes(StandardCharsets.UTF_8)), GetfattrOutput.unescape(raw));
    }
}
