package org.zentoo.it;

import org.junit.jupiter.api.Test;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.Networks;
import org.zentoo.engine.RunIdentity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The networks distcc workers live on: labelled, removed with the run, collected after a killed run. */
class WorkerNetworksIT {

    @Test
    void aBridgeNetworkCarriesTheRunsLabelsAndGoesWithTheEngine() throws Exception {
        String name;
        try (DockerEngine engine = TestStage.engine("zentoo-it-networks")) {
            name = "zentoo-it-net-" + engine.run().runId();
            String subnet = new Networks(engine).create(name, Networks.Driver.BRIDGE, "net01");
            assertTrue(subnet.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+"), subnet);
            Map<String, String> labels = networkLabels(name);
            assertEquals("zentoo-it-networks", labels.get(RunIdentity.SITE));
            assertEquals("net01", labels.get(RunIdentity.MACHINE));
            assertEquals(engine.run().runId(), labels.get(RunIdentity.RUN));
        }
        assertTrue(networkLabels(name).isEmpty(), "closing the engine removed the network");
    }

    @Test
    void aNetworkOfAKilledRunIsCollectedByTheNextRun() throws Exception {
        RunIdentity now = RunIdentity.start("zentoo-it-networks-leftover");
        String name = "zentoo-it-net-left-" + now.runId();
        // A pid that no process has: the owner of this network is dead.
        String owner = now.host() + ":" + Integer.MAX_VALUE;
        assertEquals(0, docker("network", "create", "--label", RunIdentity.SITE + "=" + now.site(),
                "--label", RunIdentity.RUN + "=killed-run", "--label", RunIdentity.OWNER + "=" + owner, name));
        try (DockerEngine engine = DockerEngine.connect(now)) {
            List<String> removed = engine.collectLeftovers();
            assertTrue(removed.contains("network " + name), removed::toString);
        } finally {
            docker("network", "rm", name);
        }
        assertTrue(networkLabels(name).isEmpty());
    }

    private static Map<String, String> networkLabels(String name) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("docker", "network", "inspect", "--format",
                "{{range $k, $v := .Labels}}{{$k}}={{$v}}\n{{end}}", name).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return Map.of();
        }
        return DockerCli.parseLabels(out);
    }

    private static int docker(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
