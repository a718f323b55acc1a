package org.zentoo.archive;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TarEntryOrderTest {

    @Test
    void directoryContentsComeRightAfterTheDirectoryBeforeItsLaterSiblings() {
        // '-' (0x2d) sorts before '/' (0x2f) as plain strings, but tar --sort=name is per directory
        List<String> names = new ArrayList<>(List.of("./a-c", "./a/b", "./", "./a/", "./B", "./a/b/c", "./a.d"));

        names.sort(TarEntryOrder.INSTANCE);

        assertEquals(List.of("./", "./B", "./a/", "./a/b", "./a/b/c", "./a-c", "./a.d"), names);
    }

    @Test
    void bytesAboveAsciiSortAfterAsciiAsUnsignedBytes() {
        String utf8e = ByteStrings.fromBytes("./é".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<String> names = new ArrayList<>(List.of(utf8e, "./z", "./Z"));

        names.sort(TarEntryOrder.INSTANCE);

        assertEquals(List.of("./Z", "./z", utf8e), names);
    }
}
