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

    /** A one-file image, as zentoo:test imports a stage: {@code docker import} with labels. */
    private static String dockerImport(String reference, String... labels) throws IOException, InterruptedException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("zentoo-it-image");
        java.nio.file.Files.writeString(dir.resolve("marker"), "leftover\n");
        List<String> cmd = new java.util.ArrayList<>(List.of("docker", "import"));
        for (String l : labels) {
            cmd.add("--change");
            cmd.add("LABEL " + l);
        }
        cmd.addAll(List.of("-", reference));
        Process tar = new ProcessBuilder("tar", "-C", dir.toString(), "-c", "marker").start();
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (var out = p.getOutputStream()) {
            tar.getInputStream().transferTo(out);
        }
        assertTrue(tar.waitFor(60, TimeUnit.SECONDS) && p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0,
                "docker import failed");
        java.nio.file.Files.delete(dir.resolve("marker"));
        java.nio.file.Files.delete(dir);
        return reference;
    }

    private static boolean imageExists(String reference) throws IOException, InterruptedException {
        return DockerCli.inspect(DockerCli.Kind.IMAGE, reference).isPresent();
    }

    @Test
    void aKilledRunsStageImageIsRemovedAndALiveRunsStays() throws Exception {
        try (DockerEngine engine = TestStage.engine("zentoo-it-leftover-images")) {
            String host = engine.run().host();
            String killed = dockerImport("zentoo/stage-under-test:it-killed", "org.zentoo.site=zentoo-it-leftover-images",
                    "org.zentoo.machine=web01", "org.zentoo.run=old", "org.zentoo.owner=" + host + ":" + Integer.MAX_VALUE);
            String live = dockerImport("zentoo/stage-under-test:it-live", "org.zentoo.site=zentoo-it-leftover-images",
                    "org.zentoo.machine=web02", "org.zentoo.run=live",
                    "org.zentoo.owner=" + host + ":" + ProcessHandle.current().pid());
            try {
                List<String> removed = engine.collectLeftovers();
                assertEquals(1, removed.size(), removed.toString());
                assertTrue(removed.get(0).startsWith("web01/image "), removed.toString());
                assertFalse(imageExists(killed), "the killed run's stage image is gone");
                assertTrue(imageExists(live), "a live run's stage image stays");
            } finally {
                DockerCli.cleanUp("rmi", "-f", killed);
                DockerCli.cleanUp("rmi", "-f", live);
            }
        }
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
