package org.zentoo.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.config.ConfigException;
import org.zentoo.site.Site;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelOptionsTest {

    @TempDir
    Path config;

    private void write(String path, String text) throws Exception {
        Path p = config.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private KernelOptions options() throws Exception {
        write("machines/vm/machine.conf", "PROFILE=\"default/linux/amd64/23.0\"\nSEED=\"gentoo/stage3:amd64-openrc\"\n");
        write("machines/vm/parent", "virtio\nslim\n");
        return KernelOptions.of(Site.load(config).machine("vm").stack());
    }

    @Test
    void laterFragmentsWinAndEachOptionNamesItsSet() throws Exception {
        write("sets/virtio/kernel.config", "CONFIG_VIRTIO_NET=y\nCONFIG_VIRTIO_BLK=m\n# a comment\n");
        write("sets/slim/kernel.config", "CONFIG_VIRTIO_BLK=y\n");
        KernelOptions k = options();
        assertEquals(List.of("CONFIG_VIRTIO_BLK", "CONFIG_VIRTIO_NET"), k.options().stream().map(KernelOptions.Option::name).toList());
        KernelOptions.Option blk = k.options().get(0);
        assertEquals("y", blk.value());
        assertTrue(blk.origin().startsWith("slim ("), blk.origin());
        assertTrue(k.conflicts().isEmpty());
    }

    @Test
    void turningOffWhatAnEarlierSetTurnedOnIsAConflictAtTheLaterLine() throws Exception {
        write("sets/virtio/kernel.config", "CONFIG_VIRTIO_NET=y\n");
        write("sets/slim/kernel.config", "CONFIG_EXT4_FS=y\n# CONFIG_VIRTIO_NET is not set\n");
        KernelOptions k = options();
        assertEquals(1, k.conflicts().size());
        KernelOptions.Conflict c = k.conflicts().get(0);
        assertTrue(c.file().endsWith("sets/slim/kernel.config"), c.file());
        assertEquals(2, c.line());
        assertTrue(c.text().contains("CONFIG_VIRTIO_NET") && c.text().contains("virtio"), c.text());
        ConfigException e = assertThrows(ConfigException.class, k::failOnConflict);
        assertTrue(e.getMessage().matches(".*sets/slim/kernel.config:2: .*"), e.getMessage());
    }
}
