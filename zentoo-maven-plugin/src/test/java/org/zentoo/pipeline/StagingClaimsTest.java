package org.zentoo.pipeline;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.engine.RunIdentity;
import org.zentoo.step.BinhostStore;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Claims of staging collections, against a loopback server that records what is deleted. */
class StagingClaimsTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> deleted = Collections.synchronizedList(new ArrayList<>());
    private BinhostStore store;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            if ("DELETE".equals(exchange.getRequestMethod())) {
                deleted.add(exchange.getRequestURI().getPath());
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        store = new BinhostStore(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/binhost"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aKilledRunsCollectionIsDeletedByTheNextRunAndOnlyThatOne() throws IOException {
        RunIdentity me = RunIdentity.start("site");
        RunIdentity killed = new RunIdentity("site", "100-dead", me.host(), Integer.MAX_VALUE);
        RunIdentity elsewhere = new RunIdentity("site", "200-other", "another-host", 1);
        RunIdentity alive = new RunIdentity("site", "300-alive", me.host(), ProcessHandle.current().pid());
        for (RunIdentity run : List.of(killed, elsewhere, alive)) {
            new StagingClaims(dir, store, run).claim();
        }

        List<String> removed = new StagingClaims(dir, store, me).collectLeftovers();

        assertEquals(List.of(store.stagingDirectory("100-dead")), removed);
        assertEquals(List.of("/binhost/.zentoo-staging/100-dead/"), deleted);
        assertFalse(Files.exists(dir.resolve("100-dead.properties")), "the claim goes with its collection");
        assertTrue(Files.exists(dir.resolve("200-other.properties")), "another host's run is not ours to judge");
        assertTrue(Files.exists(dir.resolve("300-alive.properties")), "a run still going keeps its collection");
    }

    @Test
    void aRunReleasesItsOwnCollectionAndClaim() throws IOException {
        StagingClaims claims = new StagingClaims(dir, store, RunIdentity.start("site"));
        claims.release();
        assertEquals(List.of(), deleted, "nothing claimed, nothing to delete");

        claims.claim();
        claims.claim();
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "one claim, no partial file");
        }
        claims.release();

        assertEquals(1, deleted.size());
        assertTrue(deleted.get(0).startsWith("/binhost/.zentoo-staging/"), deleted.get(0));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aClaimKeptWhenTheServerRefusesTheDelete() throws IOException {
        server.removeContext("/");
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(403, -1);
            exchange.close();
        });
        RunIdentity me = RunIdentity.start("site");
        new StagingClaims(dir, store, new RunIdentity("site", "100-dead", me.host(), Integer.MAX_VALUE)).claim();

        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> new StagingClaims(dir, store, me).collectLeftovers());

        assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("100-dead.properties")), "kept, so a later run tries again");
    }
}
