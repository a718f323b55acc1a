package org.zentoo.upgrade;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShippedConfigTest {

    @TempDir
    Path work;

    @Test
    void theBuildBundlesTheTopLevelConfig() throws IOException {
        Path topLevel = Path.of("..", "config");
        try (ShippedConfig shipped = ShippedConfig.open(getClass().getClassLoader())) {
            assertArrayEquals(Files.readAllBytes(topLevel.resolve("sets/zentoo/base/make.conf")),
                    Files.readAllBytes(shipped.root().resolve("sets/zentoo/base/make.conf")));
        }
    }

    @Test
    void readsTheCopyInsideAJar() throws IOException {
        Path jar = work.resolve("plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "zentoo-config/README.md", "readme\n");
            entry(out, "zentoo-config/sets/zentoo/base/packages", "app-editors/vim\n");
        }
        Path site = work.resolve("config");
        Files.createDirectories(site);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
             ShippedConfig shipped = ShippedConfig.open(loader)) {
            UpgradeReport report = ConfigUpgrade.upgrade(shipped.root(), site, false);
            assertEquals(2, report.added().size());
        }
        assertEquals("app-editors/vim\n", Files.readString(site.resolve("sets/zentoo/base/packages")));
    }

    @Test
    void aJarWithoutTheCopyIsAnError() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThrows(IOException.class, () -> ShippedConfig.open(empty));
        }
    }

    private static void entry(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
