package org.zentoo.it;

import org.junit.jupiter.api.Test;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.Networks;
import org.zentoo.engine.RunIdentity;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The networks distcc workers live on: labelled, removed with the run, collected after a killed run. */
class WorkerNetworksIT {

    @Test
    void aBridgeNetworkCarriesTheRunsLabelsAndGoesWithTheEngine() throws Exception {
        String name = null;
        try {
            try (DockerEngine engine = TestStage.engine("zentoo-it-networks")) {
                name = "zentoo-it-net-" + engine.run().runId();
                String subnet = new Networks(engine).create(name, Networks.Driver.BRIDGE, "net01");
                assertTrue(subnet.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+"), subnet);
                Map<String, String> labels = networkLabels(name).orElseThrow(() -> new AssertionError("no network"));
                assertEquals("zentoo-it-networks", labels.get(RunIdentity.SITE));
                assertEquals("net01", labels.get(RunIdentity.MACHINE));
                assertEquals(engine.run().runId(), labels.get(RunIdentity.RUN));
            }
            assertEquals(Optional.empty(), networkLabels(name), "closing the engine removed the network");
        } finally {
            if (name != null) {
                DockerCli.cleanUp("network", "rm", name);
            }
        }
    }

    @Test
    void aNetworkOfAKilledRunIsCollectedByTheNextRun() throws Exception {
        RunIdentity now = RunIdentity.start("zentoo-it-networks-leftover");
        String name = "zentoo-it-net-left-" + now.runId();
        // A pid that no process has: the owner of this network is dead.
        String owner = now.host() + ":" + Integer.MAX_VALUE;
        assertEquals(0, docker("network", "create", "--label", RunIdentity.SITE + "=" + now.site(),
                "--label", RunIdentity.RUN + "=killed-run", "--label", RunIdentity.OWNER + "=" + owner, name));
        try {
            assertTrue(networkLabels(name).isPresent(), "the killed run's network exists before the next run");
            try (DockerEngine engine = DockerEngine.connect(now)) {
                List<String> removed = engine.collectLeftovers();
                assertTrue(removed.contains("network " + name), removed::toString);
                assertEquals(Optional.empty(), networkLabels(name), "collectLeftovers removed the network");
            }
        } finally {
            DockerCli.cleanUp("network", "rm", name);
        }
    }

    private static Optional<Map<String, String>> networkLabels(String name) throws IOException, InterruptedException {
        return DockerCli.inspect(DockerCli.Kind.NETWORK, name);
    }

    private static int docker(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
