package org.zentoo.step;

import org.junit.jupiter.api.Test;
import org.zentoo.seed.VerifiedSeed;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.zentoo.snapshot.Overlay;
import org.zentoo.snapshot.RepositorySnapshot;

class SnapshotInputsTest {

    private static VerifiedSeed verified(char digit) {
        return new VerifiedSeed(Path.of("x.tar.xz"), String.valueOf(digit).repeat(128), "file:x.tar.xz",
                Optional.empty(), false);
    }

    private static SnapshotInputs inputs(String snapshot, VerifiedSeed main, List<Overlay> overlays,
                                         List<VerifiedSeed> extras) throws Exception {
        return new SnapshotInputs(RepositorySnapshot.parse(snapshot), "sha256:0123456789abcdef", main, overlays, extras);
    }

    @Test
    void withoutOverlaysTheVolumeIsNamedByTheSnapshotAlone() throws Exception {
        assertEquals("20261101", inputs("2026-11-01", null, List.of(), List.of()).volumeName());
        assertEquals("sha512-aaaaaaaaaaaa", inputs("file:x.tar.xz", verified('a'), List.of(), List.of()).volumeName());
        assertEquals("sha512:" + "a".repeat(128), inputs("file:x.tar.xz", verified('a'), List.of(), List.of()).label());
        assertEquals("seed:sha256:0123456789abcdef", inputs("seed", null, List.of(), List.of()).label());
    }

    @Test
    void overlaysGiveAVolumeOfTheirOwnThatChangesWithTheirBytes() throws Exception {
        List<Overlay> mycorp = List.of(Overlay.of("mycorp", "/var/db/repos/mycorp", "file:mycorp.tar.xz"));
        String one = inputs("seed", null, mycorp, List.of(verified('b'))).volumeName();
        String other = inputs("seed", null, mycorp, List.of(verified('c'))).volumeName();

        assertTrue(one.matches("seed-0123456789ab-overlays-[0-9a-f]{12}"), one);
        assertNotEquals(one, other);
        assertTrue(inputs("seed", null, mycorp, List.of(verified('b'))).label().startsWith("sha256:"));
    }
}
