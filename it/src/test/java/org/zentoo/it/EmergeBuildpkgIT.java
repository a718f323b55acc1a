package org.zentoo.it;

import org.junit.jupiter.api.Test;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.Mount;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real Portage in the test stage builds a binpkg into a named volume. */
class EmergeBuildpkgIT {

    @Test
    void emergeBuildpkgWritesGpkgIntoNamedVolumeAndTheProgramRuns() throws Exception {
        try (DockerEngine engine = TestStage.engine("zentoo-it-foundation")) {
            String volume = "zentoo-it-binpkgs-" + engine.run().runId();
            engine.volumes().ensure(volume, engine.run().labels("foundation"));
            try {
                List<String> build = new ArrayList<>();
                int exit = engine.containers().run(new ContainerSpec(TestStage.IMAGE).machine("foundation")
                        .mount(Mount.volume(volume, "/var/cache/binpkgs", false))
                        .script("emerge --buildpkg app-misc/world && /usr/bin/hello && hello-world"), build::add);
                assertEquals(0, exit, () -> "emerge failed:\n" + String.join("\n", build));
                assertTrue(build.contains("hello, zentoo"), () -> "hello did not run:\n" + String.join("\n", build));
                assertTrue(build.contains("hello, world"), () -> "hello-world did not run:\n" + String.join("\n", build));

                // A second, fresh container sees what the first left in the volume, read-only.
                List<String> listing = new ArrayList<>();
                int lsExit = engine.containers().run(new ContainerSpec(TestStage.IMAGE).machine("foundation")
                        .mount(Mount.volume(volume, "/var/cache/binpkgs", true))
                        .script("cd /var/cache/binpkgs && find . -type f | sort && grep -c '^CPV:' Packages"
                                + " && if touch x 2>/dev/null; then echo WRITABLE; else echo READ-ONLY; fi"),
                        listing::add);
                assertEquals(0, lsExit, () -> String.join("\n", listing));
                assertTrue(listing.contains("./app-misc/hello/hello-1.0-1.gpkg.tar"), listing::toString);
                assertTrue(listing.contains("./app-misc/world/world-1.0-1.gpkg.tar"), listing::toString);
                assertEquals("2", listing.get(listing.size() - 2), "Packages index lists both binpkgs");
                assertEquals("READ-ONLY", listing.get(listing.size() - 1), "a read-only mount refuses writes");
            } finally {
                engine.volumes().remove(volume);
            }
        }
    }

    @Test
    void everyContainerCarriesZentooLabelsAndIsRemovedAfterItsRun() throws Exception {
        try (DockerEngine engine = TestStage.engine("zentoo-it-labels")) {
            List<String> out = new ArrayList<>();
            String id = engine.containers().create(new ContainerSpec(TestStage.IMAGE).machine("labels")
                    .label("org.zentoo.inputs", "abc").script("echo ok"));
            try {
                assertEquals(0, engine.containers().startAndWait(id, out::add));
                assertEquals(List.of("ok"), out);
                Map<String, String> labels = DockerCli.labels(id);
                assertEquals("zentoo-it-labels", labels.get("org.zentoo.site"));
                assertEquals("labels", labels.get("org.zentoo.machine"));
                assertEquals(engine.run().runId(), labels.get("org.zentoo.run"));
                assertEquals("abc", labels.get("org.zentoo.inputs"));
                engine.containers().remove(id);
                assertFalse(DockerCli.exists(id), "engine.remove removed the container");
            } finally {
                DockerCli.cleanUp("rm", "-f", id);
            }
        }
    }
}
