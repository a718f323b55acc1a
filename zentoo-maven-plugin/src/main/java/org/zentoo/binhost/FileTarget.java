package org.zentoo.binhost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** A partition in a local directory (a {@code file:} binhost URL), each file replaced atomically. */
public final class FileTarget implements BinhostTarget {

    private final Path directory;

    public FileTarget(Path directory) {
        this.directory = directory;
    }

    @Override
    public Optional<byte[]> get(String path) throws IOException {
        Path file = directory.resolve(path);
        return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }

    @Override
    public void mkdir(String path) throws IOException {
        Files.createDirectories(directory.resolve(path));
    }

    @Override
    public void put(String path, Path file) throws IOException {
        Path target = directory.resolve(path);
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try {
            Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public String describe() {
        return directory.toUri().toString();
    }
}
