package org.zentoo.it;

import org.junit.jupiter.api.Test;
import org.zentoo.engine.DockerEngine;
import org.zentoo.seed.FetchOptions;
import org.zentoo.seed.SeedException;
import org.zentoo.step.SeedImages;
import org.zentoo.seed.TarballSeedFetcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Offline (-o), a seed image the daemon lacks is a clear error, and nothing is pulled. */
class OfflineSeedIT {

    @Test
    void aMissingImageIsNotPulledOffline() throws Exception {
        try (DockerEngine engine = TestStage.engine("zentoo-it-offline")) {
            SeedImages seeds = new SeedImages(engine, new TarballSeedFetcher(new FetchOptions().offline(true)), true);
            SeedException e = assertThrows(SeedException.class,
                    () -> seeds.resolve("zentoo-it/no-such-seed:1", line -> { }));
            assertEquals(SeedException.Problem.NOT_CACHED_OFFLINE, e.problem());
            assertTrue(e.getMessage().contains("zentoo-it/no-such-seed:1") && e.getMessage().contains("offline"),
                    e.getMessage());
            // The image the daemon has is used as it is, offline too.
            assertEquals(TestStage.IMAGE, seeds.resolve(TestStage.IMAGE, line -> { }).image());
        }
    }
}
