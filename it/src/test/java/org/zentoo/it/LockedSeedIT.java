package org.zentoo.it;

import org.junit.jupiter.api.Test;
import org.zentoo.engine.DockerEngine;
import org.zentoo.seed.FetchOptions;
import org.zentoo.seed.SeedException;
import org.zentoo.seed.TarballSeedFetcher;
import org.zentoo.step.SeedImages;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seed zentoo.lock pins to an image that is neither on the daemon nor pullable by
 * digest stops the build, even while its tag names another image on the daemon: a
 * locked seed is never replaced. The tag's registry is a closed port on loopback, so
 * the daemon really tries the pull and is refused without leaving the host.
 */
class LockedSeedIT {

    private static final String TAG = "127.0.0.1:9/zentoo-it/locked-seed:1";
    /** A digest no image has: what the lock pins after the image it names was removed. */
    private static final String LOCKED = "sha256:" + "0".repeat(63) + "1";

    @Test
    void aLockedSeedNeitherOnTheDaemonNorPullableFails() throws Exception {
        DockerCli.run("tag", TestStage.IMAGE, TAG);
        try (DockerEngine engine = TestStage.engine("zentoo-it-locked-seed")) {
            String byDigest = "127.0.0.1:9/zentoo-it/locked-seed@" + LOCKED;
            List<String> progress = new ArrayList<>();
            SeedImages online = new SeedImages(engine, new TarballSeedFetcher(new FetchOptions()), false);
            SeedException e = assertThrows(SeedException.class, () -> online.resolveLocked(TAG, LOCKED, progress::add));
            assertEquals(SeedException.Problem.LOCKED_DIGEST_UNAVAILABLE, e.problem());
            assertEquals("seed " + TAG + " is locked to " + LOCKED + " (zentoo.lock), which is not on the Docker"
                    + " daemon at " + engine.host() + " and cannot be pulled by digest as " + byDigest + ". A locked"
                    + " seed is never replaced by another image: load that image, or move the lock forward with"
                    + " mvn zentoo:lock -Dzentoo.lock.update", e.getMessage());
            assertTrue(progress.contains("pulling the locked seed " + byDigest), progress.toString());
            assertTrue(progress.stream().anyMatch(l -> l.startsWith("cannot pull " + byDigest + ": ")),
                    "the daemon was asked and refused: " + progress);

            progress.clear();
            SeedImages offline = new SeedImages(engine, new TarballSeedFetcher(new FetchOptions().offline(true)), true);
            e = assertThrows(SeedException.class, () -> offline.resolveLocked(TAG, LOCKED, progress::add));
            assertEquals(SeedException.Problem.LOCKED_DIGEST_UNAVAILABLE, e.problem());
            assertTrue(e.getMessage().contains("is not on the Docker daemon at " + engine.host()
                    + " and is not pulled offline (-o)"), e.getMessage());
            assertEquals(List.of(), progress, "offline, nothing is pulled");

            // The image the tag names now is what an unlocked build takes: the lock alone refused it.
            assertEquals(TAG, online.resolve(TAG, line -> { }).image());
        } finally {
            DockerCli.cleanUp("rmi", TAG);
        }
    }
}
