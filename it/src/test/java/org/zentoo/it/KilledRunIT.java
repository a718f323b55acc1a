package org.zentoo.it;

import org.junit.jupiter.api.Test;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.RunIdentity;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run killed with SIGKILL in the middle of a step cannot clean up after itself;
 * the next run of the same site removes what it left.
 */
class KilledRunIT {

    private static final String SITE = "zentoo-it-killed";

    /** The run that gets killed: starts a long step and waits in it. */
    public static void main(String[] args) throws Exception {
        try (DockerEngine engine = DockerEngine.connect(RunIdentity.start(SITE))) {
            String id = engine.containers().create(new ContainerSpec(args[0]).machine("victim").script("sleep 600"));
            System.out.println("CONTAINER " + id);
            System.out.flush();
            engine.containers().startAndWait(id, line -> { });
        }
    }

    @Test
    void theNextRunCollectsWhatAKilledRunLeft() throws Exception {
        Process victim = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
                "-cp", System.getProperty("java.class.path"), KilledRunIT.class.getName(), TestStage.IMAGE)
                .redirectErrorStream(true).start();
        String container = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("CONTAINER ")) {
                    container = line.substring("CONTAINER ".length());
                    break;
                }
            }
            assertTrue(container != null, "the victim run started its step");
            Thread.sleep(2000);
            // SIGKILL: no shutdown hook runs, the container stays.
            new ProcessBuilder("kill", "-9", String.valueOf(victim.pid())).start().waitFor(30, TimeUnit.SECONDS);
            assertTrue(victim.waitFor(30, TimeUnit.SECONDS), "the victim is dead");
        } finally {
            victim.destroyForcibly();
        }
        try {
            assertEquals("victim", DockerCli.labels(container).get("org.zentoo.machine"), "the step outlived its run");

            try (DockerEngine next = TestStage.engine(SITE)) {
                List<String> removed = next.collectLeftovers();
                assertEquals(List.of("victim/" + container.substring(0, 12)), removed);
                assertFalse(DockerCli.exists(container), "collectLeftovers removed the killed run's container");
            }
        } finally {
            DockerCli.cleanUp("rm", "-f", container);
        }
    }
}
