package org.zentoo.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values no ustar field can hold go to pax records, and GNU tar reads them back. */
class TarWriterTest {

    @TempDir
    Path work;

    @Test
    void hugeOwnersNegativeTimesAndLongLinkTargetsUsePaxRecords() throws Exception {
        String longTarget = "/usr/lib/" + "x".repeat(150);
        byte[] data = "data".getBytes(StandardCharsets.US_ASCII);
        Path tar = work.resolve("edge.tar");
        try (OutputStream out = Files.newOutputStream(tar)) {
            TarWriter writer = new TarWriter(out);
            writer.write(TarEntry.of("./", EntryType.DIRECTORY, 0755, 0, 0, 0, 0, "", 0, 0, Map.of()),
                    InputStream.nullInputStream());
            writer.write(TarEntry.of("./old", EntryType.FILE, 0644, 3_000_000, 4_000_000_000L, data.length,
                    -86_400, "", 0, 0, Map.of()), new ByteArrayInputStream(data));
            writer.write(TarEntry.of("./link", EntryType.SYMLINK, 0777, 0, 0, 0, 0, longTarget, 0, 0, Map.of()),
                    InputStream.nullInputStream());
            writer.finish();
        }

        assertEquals(0, Files.size(tar) % TarWriter.RECORD);
        List<String> listing = GnuTar.list(tar);
        assertTrue(listing.get(1).matches("-rw-r--r-- +3000000/4000000000 +4 1969-12-31 00:00:00 \\./old"), listing.get(1));
        assertTrue(listing.get(2).endsWith("./link -> " + longTarget), listing.get(2));

        List<TarEntry> read = readBack(tar);
        assertEquals(-86_400, read.get(1).mtime());
        assertEquals(4_000_000_000L, read.get(1).gid());
        assertEquals(longTarget, read.get(2).linkName());
    }

    @Test
    void paxHeaderNamesFollowGnuTarsDefaultWithoutAPid() {
        assertEquals("./usr/bin/PaxHeaders/ping", TarWriter.paxHeaderName("./usr/bin/ping"));
        assertEquals("./PaxHeaders/usr", TarWriter.paxHeaderName("./usr/"));
        assertEquals("./PaxHeaders/.", TarWriter.paxHeaderName("./"));
    }

    private static List<TarEntry> readBack(Path tar) throws Exception {
        try (InputStream in = Files.newInputStream(tar)) {
            return ArchiveListing.entries(in);
        }
    }
}
