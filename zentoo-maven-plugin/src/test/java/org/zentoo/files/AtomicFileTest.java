package org.zentoo.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real files in a temp directory: the content, the mode, and never a temp left beside the target. */
class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void textReplacesTheOldFileWorldReadableAndNoTempRemains() throws IOException {
        Path target = Files.writeString(dir.resolve("summary.txt"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));

        AtomicFile.write(target, "web01 ✓ assembled\n", AtomicFile.WORLD_READABLE);

        assertEquals("web01 ✓ assembled\n", Files.readString(target, StandardCharsets.UTF_8));
        assertEquals("rw-r--r--", mode(target));
        assertEquals(List.of("summary.txt"), names());
    }

    @Test
    void bytesOfAPrivateFileAreReadableByTheOwnerOnly() throws IOException {
        Path target = dir.resolve("key.asc");
        byte[] bytes = {0, 1, 2, (byte) 0xff, '\n'};

        AtomicFile.write(target, bytes, AtomicFile.OWNER_ONLY);

        assertArrayEquals(bytes, Files.readAllBytes(target));
        assertEquals("rw-------", mode(target));
        assertEquals(List.of("key.asc"), names());
    }

    @Test
    void aWriterMayCloseItsStreamAndWriteInPieces() throws IOException {
        Path target = dir.resolve("state.properties");

        AtomicFile.write(target, AtomicFile.OWNER_ONLY, out -> {
            try (out) {
                out.write('a');
                out.write("xbcx".getBytes(StandardCharsets.US_ASCII), 1, 2);
            }
        });

        assertEquals("abc", Files.readString(target));
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTempAndItsOwnException() throws IOException {
        Path target = Files.writeString(dir.resolve("stage3.tar.xz"), "the previous, complete stage");
        IOException broken = new IOException("connection to the Docker daemon lost");

        IOException thrown = assertThrows(IOException.class, () -> AtomicFile.write(target, AtomicFile.WORLD_READABLE,
                out -> {
                    out.write(new byte[100_000]);
                    throw broken;
                }));

        assertSame(broken, thrown);
        assertEquals("the previous, complete stage", Files.readString(target));
        assertEquals(List.of("stage3.tar.xz"), names());
    }

    @Test
    void aWriterFailingWithARuntimeExceptionLeavesNoFileAtAll() throws IOException {
        Path target = dir.resolve("new.properties");
        UncheckedIOException broken = new UncheckedIOException(new IOException("bad"));

        assertSame(broken, assertThrows(UncheckedIOException.class,
                () -> AtomicFile.write(target, AtomicFile.OWNER_ONLY, out -> {
                    out.write('x');
                    throw broken;
                })));

        assertEquals(List.of(), names());
    }

    @Test
    void aMissingDirectoryIsAnErrorNamingTheFile() {
        Path target = dir.resolve("absent/state.properties");

        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, "x", AtomicFile.OWNER_ONLY));

        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
    }

    @Test
    void leftoversOfTheTargetGoAndNothingElseDoes() throws IOException {
        Path target = Files.writeString(dir.resolve("stage3.tar.xz"), "stage");
        Files.writeString(dir.resolve("stage3.tar.xz.tmp-4711"), "left by a run that was killed");
        Files.writeString(dir.resolve("stage4.tar.xz.tmp-4711"), "another file's write, maybe running");
        Files.writeString(dir.resolve("stage3.tar.xz.sha256"), "a neighbour");

        AtomicFile.deleteLeftovers(target);

        assertEquals(List.of("stage3.tar.xz", "stage3.tar.xz.sha256", "stage4.tar.xz.tmp-4711"), names());
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
