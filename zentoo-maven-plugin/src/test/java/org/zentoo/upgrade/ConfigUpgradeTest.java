package org.zentoo.upgrade;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigUpgradeTest {

    @TempDir
    Path work;

    @Test
    void replacesShippedFoldersAndReportsEachFile() throws IOException {
        Path shipped = newerShippedCopy();
        Path site = siteWithOlderShippedCopy();

        UpgradeReport report = ConfigUpgrade.upgrade(shipped, site, false);

        assertEquals(List.of("kernels/zentoo/virtio/kernel.config", "sets/zentoo/server/packages"), report.added());
        assertEquals(List.of("README.md", "sets/zentoo/base/make.conf"), report.changed());
        assertEquals(List.of("machines/zentoo/old/machine.conf", "sets/zentoo/base/package.use"), report.removed());
        assertEquals("FEATURES=\"new\"\n", read(site, "sets/zentoo/base/make.conf"));
        assertFalse(Files.exists(site.resolve("machines/zentoo/old")), "a removed shipped machine leaves no empty folder");
        assertTrue(Files.isDirectory(site.resolve("machines/zentoo")));
    }

    @Test
    void neverTouchesTheUsersContent() throws IOException {
        Path site = siteWithOlderShippedCopy();

        ConfigUpgrade.upgrade(newerShippedCopy(), site, false);

        assertEquals("SEED=\"mine\"\n", read(site, "site.conf"));
        assertEquals("zentoo/base\n", read(site, "sets/web/parent"));
        assertEquals("www-servers/nginx\n", read(site, "sets/web/zentoo/packages"), "a user set named web/zentoo is the user's");
        assertEquals("PROFILE=\"x\"\n", read(site, "machines/web01/machine.conf"));
    }

    @Test
    void aSecondRunFindsNothingToDo() throws IOException {
        Path shipped = newerShippedCopy();
        Path site = siteWithOlderShippedCopy();
        ConfigUpgrade.upgrade(shipped, site, false);

        assertTrue(ConfigUpgrade.upgrade(shipped, site, false).upToDate());
    }

    @Test
    void aDryRunReportsTheSameAndWritesNothing() throws IOException {
        Path shipped = newerShippedCopy();
        Path site = siteWithOlderShippedCopy();

        UpgradeReport dry = ConfigUpgrade.upgrade(shipped, site, true);

        assertEquals("FEATURES=\"old\"\n", read(site, "sets/zentoo/base/make.conf"));
        assertTrue(Files.exists(site.resolve("machines/zentoo/old/machine.conf")));
        assertFalse(Files.exists(site.resolve("kernels")));
        assertEquals(dry, ConfigUpgrade.upgrade(shipped, site, false));
    }

    @Test
    void onlyTheReadmeAndFoldersDirectlyBelowAKindAreShipped() {
        assertTrue(ConfigUpgrade.isShipped("README.md"));
        assertTrue(ConfigUpgrade.isShipped("sets/zentoo/base/make.conf"));
        assertFalse(ConfigUpgrade.isShipped("site.conf"));
        assertFalse(ConfigUpgrade.isShipped("sets/README.md"));
        assertFalse(ConfigUpgrade.isShipped("sets/web/zentoo/packages"));
        assertFalse(ConfigUpgrade.isShipped("zentoo/base/make.conf"));
    }

    private Path newerShippedCopy() throws IOException {
        Path shipped = work.resolve("shipped");
        write(shipped, "README.md", "format v2\n");
        write(shipped, "site.conf", "# shipped example, never installed over the user's\n");
        write(shipped, "sets/zentoo/base/make.conf", "FEATURES=\"new\"\n");
        write(shipped, "sets/zentoo/server/packages", "net-misc/openssh\n");
        write(shipped, "machines/zentoo/minimal/machine.conf", "PROFILE=\"p\"\n");
        write(shipped, "kernels/zentoo/virtio/kernel.config", "CONFIG_VIRTIO=y\n");
        return shipped;
    }

    private Path siteWithOlderShippedCopy() throws IOException {
        Path site = work.resolve("site/config");
        write(site, "README.md", "format v1\n");
        write(site, "site.conf", "SEED=\"mine\"\n");
        write(site, "sets/zentoo/base/make.conf", "FEATURES=\"old\"\n");
        write(site, "sets/zentoo/base/package.use", "*/* -x\n");
        write(site, "machines/zentoo/minimal/machine.conf", "PROFILE=\"p\"\n");
        write(site, "machines/zentoo/old/machine.conf", "PROFILE=\"o\"\n");
        write(site, "sets/web/parent", "zentoo/base\n");
        write(site, "sets/web/zentoo/packages", "www-servers/nginx\n");
        write(site, "machines/web01/machine.conf", "PROFILE=\"x\"\n");
        return site;
    }

    private static void write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static String read(Path root, String rel) throws IOException {
        return Files.readString(root.resolve(rel));
    }
}
