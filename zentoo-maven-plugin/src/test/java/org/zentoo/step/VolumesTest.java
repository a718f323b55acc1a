package org.zentoo.step;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VolumesTest {

    @Test
    void volumesAreNamedByPrefixAndContent() {
        assertEquals("zentoo-binpkgs", Volumes.DEFAULT.binpkgs());
        assertEquals("zentoo-distfiles", Volumes.DEFAULT.distfiles());
        assertEquals("zentoo-repos-20261101", Volumes.DEFAULT.repos("20261101"));
        assertEquals("/var/cache/binpkgs/x86_64-pc-linux-gnu-abc", Volumes.pkgdir("x86_64-pc-linux-gnu-abc"));
        assertEquals("it-binpkgs", new Volumes("it").binpkgs());
    }

    @Test
    void aPrefixDockerWouldRefuseIsRejectedEarly() {
        assertThrows(IllegalArgumentException.class, () -> new Volumes("-bad"));
        assertThrows(IllegalArgumentException.class, () -> new Volumes("a/b"));
    }
}
