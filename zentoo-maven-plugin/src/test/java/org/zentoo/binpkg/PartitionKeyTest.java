package org.zentoo.binpkg;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionKeyTest {

    @Test
    void readableAndStable() {
        PartitionKey k = PartitionKey.of(Map.of("CHOST", "x86_64-pc-linux-gnu", "CFLAGS", "-O2 -march=znver3"));
        assertTrue(k.id().matches("amd64-x86_64-pc-linux-gnu-[0-9a-f]{12}"), k.id());
        assertEquals(k, PartitionKey.of(Map.of("CHOST", "x86_64-pc-linux-gnu", "CFLAGS", "  -O2\t -march=znver3 ")));
    }

    /**
     * The architecture is in the key: its platform, the id's first word, and the hash
     * (pinned here: a partition id must not move between Zentoo versions unnoticed).
     */
    @Test
    void theArchitectureIsPartOfTheKey() {
        PartitionKey arm = PartitionKey.of(Map.of("CHOST", "aarch64-unknown-linux-gnu", "CFLAGS", "-O2 -pipe"));
        assertEquals(org.zentoo.machine.Platform.ARM64, arm.platform());
        assertEquals("arm64-aarch64-unknown-linux-gnu-57544bfdc543", arm.id());
        PartitionKey amd = PartitionKey.of(Map.of("CHOST", "x86_64-pc-linux-gnu", "CFLAGS", "-O2 -pipe"));
        assertEquals(org.zentoo.machine.Platform.AMD64, amd.platform());
        assertTrue(amd.id().startsWith("amd64-x86_64-pc-linux-gnu-"), amd.id());
        assertEquals(null, PartitionKey.of(Map.of()).platform(), "a CHOST left to the profile says no platform");
    }

    @Test
    void differentFlagsDifferentPartitions() {
        String a = PartitionKey.of(Map.of("CHOST", "x", "CFLAGS", "-march=znver3")).id();
        String b = PartitionKey.of(Map.of("CHOST", "x", "CFLAGS", "-march=skylake")).id();
        String c = PartitionKey.of(Map.of("CHOST", "x", "CFLAGS", "-march=znver3", "LDFLAGS", "")).id();
        assertNotEquals(a, b);
        assertNotEquals(a, c, "an empty LDFLAGS is not the profile's LDFLAGS");
        assertEquals(java.util.List.of("CHOST", "CFLAGS", "CXXFLAGS", "FCFLAGS", "LDFLAGS"),
                PartitionKey.of(Map.of()).leftToProfile());
        assertTrue(PartitionKey.of(Map.of()).id().startsWith("profile-chost-"));
    }
}
