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
        assertTrue(k.id().matches("x86_64-pc-linux-gnu-[0-9a-f]{12}"), k.id());
        assertEquals(k, PartitionKey.of(Map.of("CHOST", "x86_64-pc-linux-gnu", "CFLAGS", "  -O2\t -march=znver3 ")));
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
