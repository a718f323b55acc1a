package org.zentoo.distcc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.Mount;
import org.zentoo.engine.Swarm;
import org.zentoo.engine.EngineException;
import org.zentoo.step.ReproducibleBuild;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Options, the build container's settings and the Swarm precondition, without a daemon. */
class DistccSettingsTest {

    @Test
    void optionsReadTheUsersWordsAndRejectNonsense() {
        assertEquals(DistccOptions.Mode.SWARM, DistccOptions.of(2, " Swarm ", 3).mode());
        assertTrue(!DistccOptions.of(0, "local", 2).enabled());
        assertThrows(IllegalArgumentException.class, () -> DistccOptions.of(2, "cluster", 2));
        assertThrows(IllegalArgumentException.class, () -> DistccOptions.of(-1, "local", 2));
        assertThrows(IllegalArgumentException.class, () -> DistccOptions.of(2, "local", 0));
    }

    @Test
    void buildContainerGetsDistccThroughTheHookWithItsFeaturesUntouchedAndMakeoptsForAllSlots(@TempDir Path dir)
            throws Exception {
        ContainerSpec spec = new ContainerSpec("seed").env("FEATURES", "buildpkg binpkg-multi-instance");
        ClientSettings.apply(spec, ReproducibleBuild.at(null, dir), "net",
                List.of(new Worker("w1", "w1"), new Worker("w2", "w2")), 3, Path.of("/tmp/distcc.log"));
        // FEATURES as it was: Portage records it in each package, and the stage must not depend on workers.
        assertEquals("buildpkg binpkg-multi-instance", spec.env().get("FEATURES"));
        // Without an output timestamp too, the hook is there and switched on for distcc, under a DISTCC_ name.
        assertEquals("1", spec.env().get("DISTCC_ZENTOO_CLIENT"));
        assertEquals(ReproducibleBuild.HOOK_PATH, spec.env().get("PYTHONPATH"));
        assertTrue(spec.mounts().contains(Mount.bind(dir, ReproducibleBuild.HOOK_PATH, true)), spec.mounts().toString());
        assertEquals("w1/3 w2/3", spec.env().get("DISTCC_HOSTS"));
        // MAKEOPTS for make alone, through the hook: Portage derives what it saves from its own MAKEOPTS.
        assertEquals("-j6 -l", spec.env().get("DISTCC_ZENTOO_MAKEOPTS"));
        assertEquals(null, spec.env().get("MAKEOPTS"));
        assertEquals(ClientSettings.LOG_PATH, spec.env().get("DISTCC_LOG"));
        assertEquals("net", spec.network());
    }

    @Test
    void aBuildThatHasTheHookAlreadyKeepsOneMount(@TempDir Path dir) throws Exception {
        ReproducibleBuild hook = ReproducibleBuild.at(java.time.Instant.EPOCH, dir);
        ContainerSpec spec = ClientSettings.apply(hook.apply(new ContainerSpec("seed")), hook, "net",
                List.of(new Worker("w1", "w1")), 2, Path.of("/tmp/distcc.log"));
        assertEquals(1, spec.mounts().stream().filter(m -> m.target().equals(ReproducibleBuild.HOOK_PATH)).count(),
                spec.mounts().toString());
        assertEquals("0", spec.env().get("SOURCE_DATE_EPOCH"));
    }

    @Test
    void distccdAcceptsOnlyTheBuildsNetwork() {
        List<String> cmd = Distccd.command("172.18.0.0/16", 2);
        assertEquals("172.18.0.0/16", cmd.get(cmd.indexOf("--allow") + 1));
        assertTrue(cmd.contains("--no-detach"));
    }

    @Test
    void swarmModeSaysHowToGetAManager() {
        EngineException none = assertThrows(EngineException.class, () -> SwarmWorkers.requireManager(
                new Swarm.State("inactive", false, null, 0), "unix:///var/run/docker.sock"));
        assertTrue(none.getMessage().contains("docker swarm init"), none.getMessage());
        assertTrue(none.getMessage().contains("docker swarm join"), none.getMessage());
        EngineException worker = assertThrows(EngineException.class, () -> SwarmWorkers.requireManager(
                new Swarm.State("active", false, "10.0.0.2", 3), "tcp://node2:2376"));
        assertTrue(worker.getMessage().contains("docker node promote"), worker.getMessage());
    }

    @Test
    void aSwarmOfSeveralNodesNeedsARegistryForTheDistccImage() throws EngineException {
        Swarm.State three = new Swarm.State("active", true, "10.0.0.1", 3);
        EngineException e = assertThrows(EngineException.class,
                () -> SwarmWorkers.requireUsable(three, "unix:///var/run/docker.sock", null));
        assertTrue(e.getMessage().contains("zentoo.distcc.registry"), e.getMessage());
        assertTrue(e.getMessage().contains("3 nodes"), e.getMessage());
        SwarmWorkers.requireUsable(three, "unix:///var/run/docker.sock", "registry.example:5000/zentoo");
        SwarmWorkers.requireUsable(new Swarm.State("active", true, "10.0.0.1", 1), "unix:///var/run/docker.sock",
                null);
    }

    @Test
    void labelledNodesAloneGetWorkersOnceAnyIsLabelled() {
        assertEquals(List.of(), SwarmWorkers.constraints(0));
        assertEquals(List.of("node.labels.zentoo.distcc==true"), SwarmWorkers.constraints(2));
    }

    @Test
    void registryIsARepositoryPrefix() {
        assertEquals("registry.example:5000/zentoo",
                DistccOptions.of(2, "swarm", 2, " registry.example:5000/zentoo/ ").registry());
        assertEquals("127.0.0.1:5000", DistccOptions.of(2, "swarm", 2, "127.0.0.1:5000").registry());
        assertEquals(null, DistccOptions.of(2, "swarm", 2, "  ").registry());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DistccOptions.of(2, "swarm", 2, "https://Registry/zentoo"));
        assertTrue(e.getMessage().contains("zentoo.distcc.registry"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DistccOptions.of(2, "swarm", 2, "reg:port/x"));
    }

    @Test
    void summaryNamesWorkersShortly() {
        List<Worker> local = List.of(new Worker("zentoo-distcc-r-m-w1", "zentoo-distcc-r-m-w1"));
        assertEquals("w1", DistributedBuild.shortName("zentoo-distcc-r-m", local, "zentoo-distcc-r-m-w1"));
        List<Worker> swarm = List.of(new Worker("zentoo-distcc-r-m.2", "10.0.1.4"));
        assertEquals("replica 2", DistributedBuild.shortName("zentoo-distcc-r-m", swarm, "10.0.1.4"));
        assertEquals("10.0.1.9", DistributedBuild.shortName("zentoo-distcc-r-m", swarm, "10.0.1.9"));
    }
}
