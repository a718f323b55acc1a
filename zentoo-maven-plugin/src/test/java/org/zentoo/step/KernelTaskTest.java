package org.zentoo.step;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.JobSecret;
import org.zentoo.engine.Mount;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * zentoo:kernel with the binhost as the store, as a Swarm task gets it: a spec with
 * nothing of the local store, the staging credentials as its one secret, and a script
 * that stages the kernel's files. The staging command itself runs in the host's bash
 * with GNU tar, and its tar is listed by GNU tar: the entries docker cp gives of
 * {@code <dir>/.} ({@code ./}, {@code ./boot/...}), which the one-host kernel is packed from.
 */
class KernelTaskTest {

    @TempDir
    Path dir;

    private final BinhostStore store = new BinhostStore(URI.create("http://binhost.example/zentoo"));

    @Test
    void aKernelOfTheBinhostStoreNeedsNothingOfThisHost() throws Exception {
        Path credentials = Files.writeString(dir.resolve("credentials"), "stager:hunter2\n");
        ContainerSpec spec = kernels(credentials).container(job(), UnaryOperator.identity());

        assertFalse(spec.mounts().stream().anyMatch(m -> m.target().equals(Volumes.BINPKGS_PATH)), spec::toString);
        assertFalse(StoreLock.holds(spec.command()), "no store's lock without the store's volume");
        SwarmTask.Plan plan = SwarmTask.plan(spec, List.of());
        List<JobSecret> secrets = SwarmTask.secrets(plan);
        assertEquals(List.of(BinhostStore.STAGING_CREDENTIALS_PATH), secrets.stream().map(JobSecret::path).toList());
        assertEquals("stager:hunter2\n", new String(secrets.get(0).content(), StandardCharsets.UTF_8));
        String script = spec.command().get(2);
        assertTrue(script.contains("--onlydeps"), "kernel.sh first: " + script);
        assertTrue(script.contains(" stage 'http://binhost.example/zentoo/.zentoo-staging/r1/web01.kernel.tar'"),
                script);
        assertFalse(script.contains("hunter2"));

        // The one-host kernel (the local store's volume) cannot be a task: the fix is named.
        ContainerSpec local = new KernelBuilder(null, new Builder(null, Volumes.DEFAULT, ReproducibleBuild.off()))
                .container(job(), UnaryOperator.identity());
        EngineException e = assertThrows(EngineException.class, () -> SwarmTask.plan(local, List.of()));
        assertTrue(e.getMessage().contains("-Dzentoo.store=binhost"), e.getMessage());
    }

    @Test
    void theStagedTarHasTheEntriesDockerCpGivesOfTheDirectory() throws Exception {
        Path out = Files.createDirectories(dir.resolve("zentoo-kernel"));
        Files.createDirectories(out.resolve("boot"));
        Files.writeString(out.resolve("boot/vmlinuz-6.1.0-50-amd64"), "kernel\n");
        Files.createDirectories(out.resolve("lib/modules/6.1.0-50-amd64/kernel"));
        Files.createSymbolicLink(out.resolve("lib/modules/6.1.0-50-amd64/build"), Path.of("/usr/src/linux"));
        Files.writeString(out.resolve("kernel.properties"), "version=6.1.0-50-amd64\n");
        Path staged = dir.resolve("staged.tar");
        // python3 stands for the helper's PUT: it writes the stream it is given.
        String script = "say() { echo \"[zentoo] $*\"; }\npython3() { cat > '" + staged + "'; }\nset -o pipefail\n"
                + store.stageTree(out.toString(), "r1", BinhostStore.kernelName("web01"));

        assertEquals("[zentoo] staging " + out + " at http://binhost.example/zentoo/.zentoo-staging/r1/web01.kernel.tar\n"
                + "[zentoo] staged\n", run("bash", "-c", script));

        List<String> listing = List.of(run("tar", "--list", "--verbose", "--numeric-owner", "--file", staged.toString())
                .split("\n"));
        List<String> names = listing.stream().map(l -> l.substring(l.indexOf(" ./") + 1).replaceAll(" -> .*", ""))
                .sorted().toList();
        assertEquals(List.of("./", "./boot/", "./boot/vmlinuz-6.1.0-50-amd64", "./kernel.properties", "./lib/",
                "./lib/modules/", "./lib/modules/6.1.0-50-amd64/", "./lib/modules/6.1.0-50-amd64/build",
                "./lib/modules/6.1.0-50-amd64/kernel/"), names);
        String uid = run("id", "-u").strip();
        assertTrue(listing.stream().allMatch(l -> l.split("\\s+")[1].startsWith(uid + "/")), "numeric owners: " + listing);
    }

    private KernelBuilder kernels(Path credentials) {
        Builder builder = new Builder(null, Volumes.DEFAULT, ReproducibleBuild.off()).fromBinhost(store, credentials);
        return new KernelBuilder(null, builder).fromBinhost(store, credentials, "r1");
    }

    private MachineJob job() throws IOException {
        Path rendered = dir.resolve("rendered");
        Files.createDirectories(rendered.resolve("etc/portage"));
        return new MachineJob("web01", "web01", rendered, "seed:1", "sha512:aa", "zentoo-repos-seed", null,
                List.of(), "sys-kernel/gentoo-kernel", "inputs", "p1");
    }

    private String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        return output;
    }
}
