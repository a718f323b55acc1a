package org.zentoo.archive;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OutputTimestampTest {

    @Test
    void readsIsoAndEpochSecondsAndTreatsBlankAsUnset() {
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), OutputTimestamp.parse("2026-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), OutputTimestamp.parse("2026-01-01T02:00:00+02:00"));
        assertEquals(Instant.ofEpochSecond(1767225600), OutputTimestamp.parse("1767225600"));
        assertNull(OutputTimestamp.parse(null));
        assertNull(OutputTimestamp.parse(" "));
        assertThrows(IllegalArgumentException.class, () -> OutputTimestamp.parse("yesterday"));
    }

    @Test
    void formatComesFromTheFileNameOrAName() {
        assertEquals(ArchiveFormat.TAR_XZ, ArchiveFormat.forFile(Path.of("stage3-web01.tar.xz")));
        assertEquals(ArchiveFormat.TAR_ZST, ArchiveFormat.forFile(Path.of("stage3-web01.tar.zst")));
        assertEquals(ArchiveFormat.TAR_XZ, ArchiveFormat.forFile(Path.of("stage3-web01.txz")));
        // a name that says nothing gets the default, zstd
        assertEquals(ArchiveFormat.TAR_ZST, ArchiveFormat.forFile(Path.of("stage3")));
        assertEquals(ArchiveFormat.TAR_ZST, ArchiveFormat.parse("tar.zst"));
        assertEquals(ArchiveFormat.TAR_ZST, ArchiveFormat.parse("ZSTD"));
        assertEquals(ArchiveFormat.TAR_XZ, ArchiveFormat.parse("xz"));
        assertThrows(IllegalArgumentException.class, () -> ArchiveFormat.parse("tar.gz"));
    }
}
