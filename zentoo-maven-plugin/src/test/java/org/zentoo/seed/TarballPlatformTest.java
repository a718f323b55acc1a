package org.zentoo.seed;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;
import org.zentoo.machine.Platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A stage3 tarball's platform, which docker import cannot record: from its name and its first ELF file. */
class TarballPlatformTest {

    @TempDir
    Path temp;

    @Test
    void theFirstElfFileTellsTheMachine() throws Exception {
        Path root = write("root.tar.xz", elf(183));
        assertEquals(Platform.ARM64, TarballPlatform.of(root, "root.tar.xz", "file:root.tar.xz"));
        Path amd = write("root.tar.xz", elf(62));
        assertEquals(Platform.AMD64, TarballPlatform.of(amd, "root.tar.xz", "file:root.tar.xz"));
    }

    @Test
    void gentoosNameSpeaksWhenNoElfDoes() throws Exception {
        String name = "stage3-arm64-openrc-20260101T170000Z.tar.xz";
        assertEquals(Platform.ARM64, TarballPlatform.of(write(name, null), name, name));
    }

    @Test
    void aNameThatContradictsTheBinariesIsRefusedNamingBoth() throws Exception {
        String name = "stage3-amd64-openrc-20260101T170000Z.tar.xz";
        SeedException e = assertThrows(SeedException.class, () -> TarballPlatform.of(write(name, elf(183)), name,
                "https://example.org/" + name));
        assertEquals(SeedException.Problem.PLATFORM, e.problem());
        assertEquals("tarball https://example.org/" + name + " is named linux/amd64 but its binaries are linux/arm64;"
                + " expected a stage3 whose name says its architecture. Use the tarball of the architecture you meant",
                e.getMessage());
    }

    @Test
    void neitherNameNorElfIsAnError() throws Exception {
        SeedException e = assertThrows(SeedException.class,
                () -> TarballPlatform.of(write("root.tar.xz", null), "root.tar.xz", "file:root.tar.xz"));
        assertEquals(SeedException.Problem.PLATFORM, e.problem());
    }

    /** The first 64 bytes of a little-endian ELF64 executable of {@code machine}. */
    private static byte[] elf(int machine) {
        byte[] header = new byte[64];
        header[0] = 0x7f;
        header[1] = 'E';
        header[2] = 'L';
        header[3] = 'F';
        header[4] = 2;
        header[5] = 1;
        header[6] = 1;
        header[16] = 2;
        header[18] = (byte) machine;
        header[19] = (byte) (machine >> 8);
        return header;
    }

    /** A tarball with a text file first, then /bin/busybox holding {@code binary} when given. */
    private Path write(String name, byte[] binary) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZOutputStream(bytes, new LZMA2Options(0)))) {
            StageFixture.add(tar, "./etc/os-release", "ID=gentoo\n".getBytes(StandardCharsets.UTF_8));
            if (binary != null) {
                StageFixture.add(tar, "./bin/busybox", binary);
            }
        }
        return Files.write(temp.resolve(name), bytes.toByteArray());
    }

}
