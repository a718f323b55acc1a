package org.zentoo.seed;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Downloading: resuming, idle timeouts and bounded retries against a misbehaving mirror. */
class SeedDownloadTest extends MirrorTestBase {

    @Test
    void cutConnectionIsResumedWithRangeWithinOneFetch() throws Exception {
        server.cutAfter(TARBALL, 100_000, 1);

        VerifiedSeed seed = fetcher(options()).fetch(remoteSeed());

        assertArrayEquals(tarball, Files.readAllBytes(seed.tarball()));
        List<StageServer.Request> requests = server.requestsFor(TARBALL);
        assertEquals(2, requests.size());
        assertEquals(null, requests.get(0).range());
        assertEquals("bytes=100000-", requests.get(1).range());
    }

    @Test
    void interruptedDownloadLeavesOnlyAPartFileAndTheNextFetchResumes() throws Exception {
        server.cutAfter(TARBALL, 150_000, 1);

        SeedException failed = assertThrows(SeedException.class, () -> fetcher(options().attempts(1)).fetch(remoteSeed()));
        assertEquals(SeedException.Problem.DOWNLOAD_FAILED, failed.problem());
        assertEquals(List.of(), cachedSeeds());
        assertTrue(leftoverDownloads().stream().anyMatch(p -> p.getFileName().toString().endsWith(".part")));

        VerifiedSeed seed = fetcher(options()).fetch(remoteSeed());

        assertArrayEquals(tarball, Files.readAllBytes(seed.tarball()));
        assertEquals("bytes=150000-", server.requestsFor(TARBALL).get(1).range());
    }

    /*
     * The two idle-timeout tests keep wide margins, so that a busy two-core machine cannot
     * fail them: the stall is thirty times the time-out, and the trickle's pauses are a
     * hundredth of it, while the trickle as a whole lasts longer than the time-out.
     */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

    @Test
    void silentServerIsGivenUpAfterTheIdleTimeoutAndResumed() throws Exception {
        server.stallAfter(TARBALL, 50_000, IDLE_TIMEOUT.multipliedBy(30).toMillis());

        VerifiedSeed seed = fetcher(options().idleTimeout(IDLE_TIMEOUT)).fetch(remoteSeed());

        assertArrayEquals(tarball, Files.readAllBytes(seed.tarball()));
        List<StageServer.Request> requests = server.requestsFor(TARBALL);
        assertEquals(2, requests.size(), requests::toString);
        assertEquals("bytes=50000-", requests.get(1).range());
    }

    @Test
    void slowButSteadyTransferIsNotCutByTheIdleTimeout() throws Exception {
        long pauseMillis = IDLE_TIMEOUT.toMillis() / 100;
        int chunks = 150;
        server.trickle(TARBALL, tarball.length / chunks + 1, pauseMillis);

        long start = System.nanoTime();
        VerifiedSeed seed = fetcher(options().idleTimeout(IDLE_TIMEOUT)).fetch(remoteSeed());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertArrayEquals(tarball, Files.readAllBytes(seed.tarball()));
        // Only a transfer longer than the time-out tells an idle time-out from a total one.
        assertTrue(took.compareTo(IDLE_TIMEOUT) > 0, "the trickle took only " + took);
        assertEquals(1, server.requestsFor(TARBALL).size(), "a steady transfer is never cut and retried");
    }

    @Test
    void serverErrorsAreRetriedABoundedNumberOfTimes() throws Exception {
        server.failWith(TARBALL, 503, 2);

        VerifiedSeed seed = fetcher(options().attempts(3)).fetch(remoteSeed());

        assertArrayEquals(tarball, Files.readAllBytes(seed.tarball()));
        assertEquals(3, server.requestsFor(TARBALL).size());
    }

    @Test
    void persistentServerErrorGivesUpAfterTheLastAttempt() throws Exception {
        server.failWith(TARBALL, 503, 10);

        SeedException failed = assertThrows(SeedException.class, () -> fetcher(options().attempts(2)).fetch(remoteSeed()));

        assertEquals(SeedException.Problem.DOWNLOAD_FAILED, failed.problem());
        assertTrue(failed.getMessage().contains("HTTP 503"), failed.getMessage());
        assertEquals(2, server.requestsFor(TARBALL).size());
        assertEquals(List.of(), cachedSeeds());
    }

    @Test
    void closedPortFailsAfterBoundedAttemptsNamingTheUrl() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/stage3.tar.xz";

        SeedException failed = assertThrows(SeedException.class,
                () -> fetcher(options().attempts(2)).fetch((TarballSeed) SeedReference.parse(url)));

        assertEquals(SeedException.Problem.DOWNLOAD_FAILED, failed.problem());
        assertTrue(failed.getMessage().contains(url + ".DIGESTS"), failed.getMessage());
    }

    @Test
    void missingTarballIsReportedAsNotFound() throws Exception {
        server.remove(TARBALL);

        SeedException refused = assertThrows(SeedException.class, () -> fetcher(options()).fetch(remoteSeed()));

        assertEquals(SeedException.Problem.NOT_FOUND, refused.problem());
        assertEquals(1, server.requestsFor(TARBALL).size(), "a 404 is not retried");
    }
}
