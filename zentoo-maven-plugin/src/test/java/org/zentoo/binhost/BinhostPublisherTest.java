package org.zentoo.binhost;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BinhostPublisherTest {

    /** A file: target that records the order of its writes. */
    private static final class Recording implements BinhostTarget {
        final FileTarget files;
        final List<String> puts = new ArrayList<>();

        Recording(Path dir) {
            files = new FileTarget(dir);
        }

        public Optional<byte[]> get(String path) throws IOException {
            return files.get(path);
        }

        public void mkdir(String path) throws IOException {
            files.mkdir(path);
        }

        public void put(String path, Path file) throws IOException {
            puts.add(path);
            files.put(path, file);
        }

        public String describe() {
            return files.describe();
        }
    }

    @Test
    void binpkgsThenIndexThenManifestAndOnlyWhatChanged(@TempDir Path dir) throws IOException {
        Path partition = dir.resolve("p");
        Files.createDirectories(partition.resolve("app-misc/hello"));
        Files.createDirectories(partition.resolve("app-misc/world"));
        Files.writeString(partition.resolve("Packages"), "PACKAGES: 2\n");
        Files.writeString(partition.resolve("app-misc/hello/hello-1.0-1.gpkg.tar"), "one");
        Files.writeString(partition.resolve("app-misc/world/world-1.0-1.gpkg.tar"), "two");
        Files.writeString(partition.resolve("app-misc/hello/hello-1.0-1.gpkg.tarsc15fgqf.13"), "temp file");
        Recording target = new Recording(dir.resolve("remote"));

        BinhostPublisher.Report first = new BinhostPublisher(target).publish(partition);
        assertEquals(List.of("app-misc/hello/hello-1.0-1.gpkg.tar", "app-misc/world/world-1.0-1.gpkg.tar", "Packages",
                Manifest.NAME), target.puts);
        assertEquals(3, first.uploaded());
        assertArrayEquals(Files.readAllBytes(partition.resolve("app-misc/world/world-1.0-1.gpkg.tar")),
                Files.readAllBytes(dir.resolve("remote/app-misc/world/world-1.0-1.gpkg.tar")));

        target.puts.clear();
        BinhostPublisher.Report second = new BinhostPublisher(target).publish(partition);
        assertEquals(List.of(), target.puts);
        assertEquals(new BinhostPublisher.Report(0, 0, 3), second);

        Files.createDirectories(partition.resolve("app-misc/hello"));
        Files.writeString(partition.resolve("app-misc/hello/hello-1.0-2.gpkg.tar"), "three");
        Files.writeString(partition.resolve("Packages"), "PACKAGES: 3\n");
        new BinhostPublisher(target).publish(partition);
        assertEquals(List.of("app-misc/hello/hello-1.0-2.gpkg.tar", "Packages", Manifest.NAME), target.puts);
        assertEquals(4, Manifest.parse(Files.readAllBytes(dir.resolve("remote/" + Manifest.NAME))).size());
    }

    @Test
    void aPartitionWithoutIndexIsRefused(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("p"));
        IOException e = assertThrows(IOException.class,
                () -> new BinhostPublisher(new FileTarget(dir.resolve("r"))).publish(dir.resolve("p")));
        assertEquals(true, e.getMessage().contains("no Packages index"));
    }
}
