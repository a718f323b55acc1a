package org.zentoo.distcc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.step.MachineJob;
import org.zentoo.step.StoreLock;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.Mount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The distcc image's derivation container and its cache key, without a daemon. */
class WorkerImageTest {

    @TempDir
    Path dir;

    @Test
    void derivationKeepsTheMountsButSetsItsVariablesInTheScriptNotTheImage() {
        ContainerSpec environment = new ContainerSpec("seed:1").machine("web01")
                .mount(Mount.volume("zentoo-binpkgs", "/var/cache/binpkgs", false))
                .env("PKGDIR", "/var/cache/binpkgs/p1").env("FEATURES", "buildpkg -sandbox");
        ContainerSpec spec = WorkerImage.derivation(environment);
        assertEquals("seed:1", spec.image());
        assertEquals("web01", spec.machine());
        assertEquals(environment.mounts(), spec.mounts());
        assertTrue(spec.env().isEmpty(), "a commit would keep container variables in the worker image");
        // It emerges distcc into the partition: a writer of the store, under the store's lock.
        assertTrue(StoreLock.holds(spec.command()), spec.command()::toString);
        String script = spec.command().get(spec.command().size() - 1);
        assertTrue(script.contains("export PKGDIR='/var/cache/binpkgs/p1'; "), script);
        assertTrue(script.contains("emerge --oneshot --usepkg --buildpkg --binpkg-respect-use=y"), script);
        assertTrue(script.endsWith("exit $rc; }"), script);
    }

    @Test
    void quotedValuesReachTheShellUnchanged() throws Exception {
        String value = "it's \"$HOME\" `id` -sandbox\\n";
        Process p = new ProcessBuilder("bash", "-c", "printf %s " + WorkerImage.shellQuoted(value)).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        assertEquals(value, out);
    }

    @Test
    void keyFollowsPartitionSeedSnapshotStoreAndConfigOnly() throws IOException {
        MachineJob a = job("web01", "sha512:aa", "zentoo-repos-seed");
        MachineJob sameConfigOtherMachine = job("web02", "sha512:aa", "zentoo-repos-seed");
        String key = WorkerImage.key(a.inPartition("p1"), "s1");
        assertEquals(24, key.length());
        assertEquals(key, WorkerImage.key(a.inPartition("p1"), "s1"));
        assertEquals(key, WorkerImage.key(sameConfigOtherMachine.inPartition("p1"), "s1"), "machines with one config share the image");
        assertNotEquals(key, WorkerImage.key(a.inPartition("p2"), "s1"));
        assertNotEquals(key, WorkerImage.key(job("web01", "sha512:bb", "zentoo-repos-seed").inPartition("p1"), "s1"));
        assertNotEquals(key, WorkerImage.key(job("web01", "sha512:aa", "zentoo-repos-20260101").inPartition("p1"), "s1"));
        assertNotEquals(key, WorkerImage.key(a.inPartition("p1"), "s2"), "a store made again");
        Files.writeString(a.portageConfig().resolve("package.use"), "sys-devel/distcc -zeroconf\n");
        assertNotEquals(key, WorkerImage.key(a.inPartition("p1"), "s1"));
    }

    private MachineJob job(String id, String seedDigest, String repos) throws IOException {
        Path rendered = dir.resolve(id + "-" + seedDigest.replace(':', '-') + "-" + repos);
        Files.createDirectories(rendered.resolve("etc/portage"));
        Files.writeString(rendered.resolve("etc/portage/make.conf"), "CFLAGS=\"-O2\"\n");
        return new MachineJob(id, id, rendered, "seed:1", seedDigest, repos, null, List.of(), "", "inputs", null);
    }
}
