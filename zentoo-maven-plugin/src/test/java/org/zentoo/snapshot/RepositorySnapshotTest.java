package org.zentoo.snapshot;

import org.junit.jupiter.api.Test;
import org.zentoo.seed.SeedException;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepositorySnapshotTest {

    private static final String SHA512 = "0123456789abcdef".repeat(8);

    @Test
    void aDateNamesTheMirrorsSnapshotAndItsVolume() throws Exception {
        RepositorySnapshot s = RepositorySnapshot.parse("2026-11-01");
        assertTrue(s.dated());
        assertEquals("20261101", s.value());
        assertEquals("20261101", s.name("sha256:abc", null));
        assertEquals("https://distfiles.gentoo.org/snapshots/gentoo-20261101.tar.xz",
                s.source(URI.create("https://distfiles.gentoo.org/")).value());
        assertEquals("http://127.0.0.1:8080/gentoo/snapshots/gentoo-20261101.tar.xz",
                s.source(URI.create("http://127.0.0.1:8080/gentoo")).value());
        assertEquals("20261101", RepositorySnapshot.parse("20261101").name("x", null));
    }

    @Test
    void aTarballIsNamedByItsDigest() throws Exception {
        RepositorySnapshot url = RepositorySnapshot.parse("https://example.org/repos/mycorp-2026.tar.xz");
        assertFalse(url.dated());
        assertFalse(url.fromSeed());
        assertEquals("sha512-0123456789ab", url.name("sha256:abc", SHA512));
        assertEquals(url.tarball(), url.source(URI.create("https://distfiles.gentoo.org")));

        RepositorySnapshot file = RepositorySnapshot.parse("file:snapshots/gentoo.tar.bz2");
        assertEquals("file:snapshots/gentoo.tar.bz2", file.value());
        assertEquals(".tar.bz2", file.tarball().suffix());
    }

    @Test
    void seedSnapshotsAreNamedByTheSeedImage() throws Exception {
        RepositorySnapshot s = RepositorySnapshot.parse("seed");
        assertTrue(s.fromSeed());
        assertEquals("seed-0123456789ab", s.name("sha256:0123456789abcdef", null));
        assertTrue(RepositorySnapshot.parse("").fromSeed());
        assertTrue(RepositorySnapshot.parse(null).fromSeed());
    }

    @Test
    void anythingElseIsRejectedWithTheExpectedForms() {
        SeedException e = assertThrows(SeedException.class, () -> RepositorySnapshot.parse("last tuesday"));
        assertEquals(SeedException.Problem.BAD_REFERENCE, e.problem());
        assertTrue(e.getMessage().contains("YYYY-MM-DD"), e.getMessage());
        assertThrows(SeedException.class, () -> RepositorySnapshot.parse("2026-13-01"));
        assertThrows(SeedException.class, () -> RepositorySnapshot.parse("2026-02-30"));
        SeedException noSuffix = assertThrows(SeedException.class,
                () -> RepositorySnapshot.parse("https://example.org/gentoo.zip"));
        assertTrue(noSuffix.getMessage().startsWith("SNAPSHOT '"), noSuffix.getMessage());
        assertFalse(noSuffix.getMessage().contains("Docker image"), noSuffix.getMessage());
    }
}
