package org.zentoo.it;

import org.junit.jupiter.api.Test;
import org.zentoo.engine.DockerEngine;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A killed run's containers are collected by the next run of the same site, and nothing else is. */
class LeftoverCleanupIT {

    private static String dockerCreate(String... labels) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("docker", "create"));
        for (String l : labels) {
            cmd.add("--label");
            cmd.add(l);
        }
        cmd.addAll(List.of(TestStage.IMAGE, "true"));
        Process p = new ProcessBuilder(cmd).start();
        String id = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "docker create failed");
        return id;
    }

    @Test
    void onlyTheSameSitesDeadRunsAreRemoved() throws Exception {
        try (DockerEngine engine = TestStage.engine("zentoo-it-leftovers")) {
            String host = engine.run().host();
            String deadOwner = host + ":" + Integer.MAX_VALUE;
            String killed = dockerCreate("org.zentoo.site=zentoo-it-leftovers", "org.zentoo.machine=web01",
                    "org.zentoo.run=old", "org.zentoo.owner=" + deadOwner);
            String otherSite = dockerCreate("org.zentoo.site=zentoo-it-someone-else", "org.zentoo.run=old",
                    "org.zentoo.owner=" + deadOwner);
            String stillRunning = dockerCreate("org.zentoo.site=zentoo-it-leftovers", "org.zentoo.run=live",
                    "org.zentoo.owner=" + host + ":" + ProcessHandle.current().pid());
            String unlabelled = dockerCreate();
            try {
                List<String> removed = engine.collectLeftovers();
                assertEquals(List.of("web01/" + killed.substring(0, 12)), removed);
                assertTrue(DockerCli.labels(killed).isEmpty(), "the killed run's container is gone");
                assertFalse(DockerCli.labels(otherSite).isEmpty(), "another site's container stays");
                assertFalse(DockerCli.labels(stillRunning).isEmpty(), "a live run's container stays");
                assertTrue(new ProcessBuilder("docker", "inspect", unlabelled).start().waitFor() == 0,
                        "an unlabelled container stays");
            } finally {
                for (String id : List.of(killed, otherSite, stillRunning, unlabelled)) {
                    new ProcessBuilder("docker", "rm", "-f", id).start().waitFor(60, TimeUnit.SECONDS);
                }
            }
        }
    }
}
