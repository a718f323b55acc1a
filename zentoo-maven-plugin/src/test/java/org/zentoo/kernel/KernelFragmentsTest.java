package org.zentoo.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class KernelFragmentsTest {

    @TempDir
    Path dir;

    @Test
    void noFragmentsIsItsOwnIdentity() throws Exception {
        assertEquals("none", KernelFragments.identity(dir.resolve("missing")));
        assertEquals("none", KernelFragments.identity(dir));
    }

    @Test
    void contentAndOrderMakeTheIdentity() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Files.writeString(a.resolve("01-base.config"), "CONFIG_X=y\n");
        Files.writeString(a.resolve("02-virtio.config"), "CONFIG_VIRTIO_NET=y\n");
        Files.writeString(a.resolve("README"), "not a fragment");
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(b.resolve("01-base.config"), "CONFIG_X=y\n");
        Files.writeString(b.resolve("02-virtio.config"), "CONFIG_VIRTIO_NET=y\n");
        assertEquals(KernelFragments.identity(a), KernelFragments.identity(b), "other files do not count");
        Files.writeString(b.resolve("02-virtio.config"), "# CONFIG_VIRTIO_NET is not set\n");
        assertNotEquals(KernelFragments.identity(a), KernelFragments.identity(b));
        assertEquals(12, KernelFragments.identity(a).length());
    }
}
