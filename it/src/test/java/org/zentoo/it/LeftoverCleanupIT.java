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
                assertFalse(DockerCli.exists(killed), "the killed run's container is gone");
                assertEquals("zentoo-it-someone-else", DockerCli.labels(otherSite).get("org.zentoo.site"),
                        "another site's container stays");
                assertEquals("live", DockerCli.labels(stillRunning).get("org.zentoo.run"), "a live run's container stays");
                assertTrue(DockerCli.exists(unlabelled), "an unlabelled container stays");
            } finally {
                for (String id : List.of(killed, otherSite, stillRunning, unlabelled)) {
                    DockerCli.cleanUp("rm", "-f", id);
                }
            }
        }
    }
}
