package org.zentoo.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a config/ tree for a test, one file at a time. */
public final class SiteFiles {

    private final Path config;

    public SiteFiles(Path root) {
        this.config = root.resolve("config");
        try {
            Files.createDirectories(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path config() {
        return config;
    }

    public SiteFiles file(String path, String... lines) {
        try {
            Path p = config.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, String.join("\n", lines) + "\n");
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A machine with the given parents and the minimal machine.conf. */
    public SiteFiles machine(String id, String... parents) {
        file("machines/" + id + "/machine.conf", "PROFILE=\"default/linux/amd64/23.0\"", "SEED=\"gentoo/stage3:amd64-openrc\"");
        if (parents.length > 0) {
            file("machines/" + id + "/parent", parents);
        }
        return this;
    }

    public SiteFiles set(String id, String... parents) {
        if (parents.length > 0) {
            file("sets/" + id + "/parent", parents);
        } else {
            file("sets/" + id + "/packages", "");
        }
        return this;
    }
}
