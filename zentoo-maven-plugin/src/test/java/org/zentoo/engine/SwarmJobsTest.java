package org.zentoo.engine;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What SwarmJobs refuses before it asks any daemon; the jobs themselves run in SwarmJobsIT. */
class SwarmJobsTest {

    // No daemon: a refusal must come before the engine is touched.
    private final SwarmJobs jobs = new SwarmJobs(null, "node.role==worker", Duration.ofMinutes(1), note -> { });

    @Test
    void aSpecThatNeedsTheLocalDaemonIsRefusedNamingWhat() {
        for (ContainerSpec spec : List.of(
                new ContainerSpec("i").machine("web01").mount(Mount.volume("zentoo-binpkgs", "/var/cache/binpkgs", true)),
                new ContainerSpec("i").machine("web01").mount(Mount.bind(Path.of("/tmp"), "/etc/portage", true)),
                new ContainerSpec("i").machine("web01").network("zentoo-distcc"),
                new ContainerSpec("i").machine("web01").name("fixed"))) {
            EngineException e = assertThrows(EngineException.class, () -> jobs.runToCompletion(spec, line -> { }));
            assertTrue(e.getMessage().startsWith("the container of web01 needs what only the local daemon has")
                    && e.getMessage().endsWith("Run it with LocalJobs"), e.getMessage());
        }
    }

    @Test
    void aBadConstraintIsAnEngineErrorWithTheFix() {
        SwarmJobs bad = new SwarmJobs(null, "node.role=worker", Duration.ofMinutes(1), note -> { });
        EngineException e = assertThrows(EngineException.class,
                () -> bad.runToCompletion(new ContainerSpec("i"), line -> { }));
        assertTrue(e.getMessage().contains("ATTRIBUTE==VALUE"), e.getMessage());
    }
}
