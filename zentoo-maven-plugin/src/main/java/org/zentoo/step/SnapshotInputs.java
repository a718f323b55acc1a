package org.zentoo.step;

import org.zentoo.files.Sha256;
import org.zentoo.seed.VerifiedSeed;

import java.util.List;
import org.zentoo.snapshot.Overlay;
import org.zentoo.snapshot.RepositorySnapshot;

/**
 * What a repository volume is filled from, and the names that follow from it: the
 * volume's part of its name and its {@code org.zentoo.inputs} label.
 *
 * @param main     the verified SNAPSHOT tarball; null for seed, and for a date not fetched (yet)
 * @param overlays extra repositories, each with its verified tarball at the same index of {@code extras}
 */
record SnapshotInputs(RepositorySnapshot snapshot, String seedId, VerifiedSeed main, List<Overlay> overlays,
                      List<VerifiedSeed> extras) {

    /** The part after {@code <prefix>-repos-}; overlays make their own volume, so other overlays never share one. */
    String volumeName() {
        String base = snapshot.name(seedId, main == null ? null : main.sha512());
        return overlays.isEmpty() ? base : base + "-overlays-" + Sha256.of(overlayDigests()).substring(0, 12);
    }

    /** The label and marker line: exactly what the volume holds. */
    String label() {
        String base = main != null ? "sha512:" + main.sha512() : "seed:" + seedId;
        return overlays.isEmpty() ? base : "sha256:" + Sha256.of(base + "\n" + overlayDigests());
    }

    private String overlayDigests() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < overlays.size(); i++) {
            lines.append(overlays.get(i).directory()).append(' ').append(extras.get(i).sha512()).append('\n');
        }
        return lines.toString();
    }
}
