package org.zentoo.snapshot;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepositorySnapshotTest {

    @Test
    void aDatePinsAWebrsyncSnapshot() {
        RepositorySnapshot s = RepositorySnapshot.parse("2026-11-01");
        assertEquals("20261101", s.name("sha256:abc"));
        assertTrue(s.populateScript().contains("emerge-webrsync --revert=20261101"));
        assertEquals("20261101", RepositorySnapshot.parse("20261101").name("x"));
    }

    @Test
    void seedSnapshotsAreNamedByTheSeedImage() {
        RepositorySnapshot s = RepositorySnapshot.parse("seed");
        assertTrue(s.fromSeed());
        assertEquals("seed-0123456789ab", s.name("sha256:0123456789abcdef"));
        assertTrue(RepositorySnapshot.parse("").fromSeed());
        assertTrue(s.populateScript().contains(".zentoo-snapshot"));
    }

    @Test
    void anythingElseIsRejectedWithTheExpectedForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RepositorySnapshot.parse("last tuesday"));
        assertTrue(e.getMessage().contains("YYYY-MM-DD"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RepositorySnapshot.parse("2026-13-01"));
    }
}
