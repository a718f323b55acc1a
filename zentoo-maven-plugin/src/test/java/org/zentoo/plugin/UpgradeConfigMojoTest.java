package org.zentoo.plugin;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The Mojo maps parameters and errors; ConfigUpgradeTest covers the rules. */
class UpgradeConfigMojoTest {

    @TempDir
    Path site;

    @Test
    void installsTheBundledCopyBesideTheUsersFiles() throws Exception {
        Path config = Files.createDirectories(site.resolve("config"));
        Files.writeString(config.resolve("site.conf"), "SEED=\"mine\"\n");

        mojo(config, false).execute();

        assertArrayEquals(Files.readAllBytes(Path.of("..", "config", "sets/zentoo/base/packages")),
                Files.readAllBytes(config.resolve("sets/zentoo/base/packages")));
        assertEquals("SEED=\"mine\"\n", Files.readString(config.resolve("site.conf")));
    }

    @Test
    void aDryRunWritesNothing() throws Exception {
        Path config = Files.createDirectories(site.resolve("config"));

        mojo(config, true).execute();

        assertFalse(Files.exists(config.resolve("sets")));
    }

    @Test
    void aMissingConfigDirectoryIsTheUsersMistake() {
        assertThrows(MojoFailureException.class, () -> mojo(site.resolve("nope"), false).execute());
    }

    private static UpgradeConfigMojo mojo(Path config, boolean dryRun) {
        UpgradeConfigMojo mojo = new UpgradeConfigMojo();
        mojo.configDirectory = config.toFile();
        mojo.dryRun = dryRun;
        return mojo;
    }
}
