package org.zentoo.step;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.JobSecret;
import org.zentoo.engine.Mount;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A step's spec made into a Swarm task's: which mount travels how, the task's spec,
 * its secrets, and the prelude's shell functions run by the host's bash and GNU tar
 * against what a mount and {@code docker cp} (GNU tar's extraction) would have given.
 */
class SwarmTaskTest {

    @TempDir
    Path dir;

    @Test
    void eachMountReachesTheTaskAsInputSecretOrScratch() throws Exception {
        Path config = Files.createDirectories(dir.resolve("portage"));
        Path credentials = Files.writeString(dir.resolve("credentials"), "builder:hunter2\n");
        ContainerSpec spec = buildLike(config, credentials);

        SwarmTask.Plan plan = SwarmTask.plan(spec, List.of("/"));

        assertEquals(List.of("/etc/portage", Volumes.REPOS_PATH), plan.inputs().stream().map(Mount::target).toList());
        assertEquals(List.of(BinhostStore.CREDENTIALS_PATH), plan.secrets().stream().map(Mount::target).toList());
        assertEquals(List.of(Volumes.DISTFILES_PATH, "/run/zentoo-bugreports"),
                plan.scratch().stream().map(Mount::target).toList());
    }

    @Test
    void theBinpkgVolumeIsRefusedWithTheBinhostAsTheFix() {
        ContainerSpec spec = new ContainerSpec("seed").machine("m1")
                .mount(Mount.volume("zentoo-binpkgs", Volumes.BINPKGS_PATH, true));
        EngineException e = assertThrows(EngineException.class, () -> SwarmTask.plan(spec, List.of()));
        assertTrue(e.getMessage().contains("-Dzentoo.store=binhost"), e.getMessage());
    }

    @Test
    void theTaskRunsTheStepsScriptAfterItsInputsWithNothingOfTheLocalDaemon() throws Exception {
        Path credentials = Files.writeString(dir.resolve("credentials"), "builder:hunter2\n");
        ContainerSpec spec = buildLike(Files.createDirectories(dir.resolve("portage")), credentials);
        SwarmTask.Plan plan = SwarmTask.plan(spec, List.of("/"));

        ContainerSpec task = SwarmTask.remote(spec, "127.0.0.1:5000/zentoo-inputs@sha256:ab", plan);

        assertEquals("127.0.0.1:5000/zentoo-inputs@sha256:ab", task.image());
        assertTrue(task.mounts().isEmpty());
        assertEquals(spec.env(), task.env());
        assertEquals("m1", task.machine());
        String script = task.command().get(2);
        assertTrue(script.endsWith("\nemerge @world"), script);
        assertTrue(script.contains("zentoo_input '/zentoo-inputs/in/0/portage' '/etc/portage'\n"), script);
        assertTrue(script.contains("zentoo_input '/zentoo-inputs/in/1/repos' '/var/db/repos'\n"), script);
        assertTrue(script.contains("zentoo_copy '/zentoo-inputs/copy/0.tar' '/'\n"), script);
        assertTrue(script.contains("mkdir -p '/run/zentoo-bugreports'\n"), script);
        assertFalse(String.join(" ", task.command()).contains("hunter2"));
        assertFalse(task.env().toString().contains("hunter2"));

        ContainerSpec plain = new ContainerSpec("seed").machine("m1").command("emerge", "--info");
        assertEquals(List.of("/bin/bash", "-c", SwarmTask.plan(plain, List.of()).prelude() + "exec \"$@\"", "zentoo",
                "emerge", "--info"), SwarmTask.remote(plain, "img", SwarmTask.plan(plain, List.of())).command());
    }

    @Test
    void secretsAreTheMountedFilesAtTheirMountedPaths() throws Exception {
        Path signing = Files.createDirectories(dir.resolve("signing"));
        Files.write(signing.resolve("secret.key"), new byte[] {(byte) 0x95, 0x01, (byte) 0xff});
        Files.writeString(signing.resolve("sign.sh"), "true\n");
        Path credentials = Files.writeString(dir.resolve("credentials"), "builder:hunter2\n");
        ContainerSpec spec = new ContainerSpec("seed").machine("m1")
                .mount(Mount.bind(credentials, BinhostStore.STAGING_CREDENTIALS_PATH, true))
                .mount(Mount.bind(signing, BinpkgSigning.MOUNT, true));

        List<JobSecret> secrets = SwarmTask.secrets(SwarmTask.plan(spec, List.of()));

        assertEquals(List.of("/dev/shm/zentoo-binhost", "/run/zentoo/signing/secret.key", "/run/zentoo/signing/sign.sh"),
                secrets.stream().map(JobSecret::path).toList());
        assertArrayEquals(new byte[] {(byte) 0x95, 0x01, (byte) 0xff}, secrets.get(1).content());
        assertEquals("builder:hunter2\n", new String(secrets.get(0).content(), StandardCharsets.UTF_8));
    }

    @Test
    void anInputReplacesWhatTheImageHadWhereItsMountWas() throws Exception {
        Path input = Files.createDirectories(dir.resolve("in/portage"));
        Files.writeString(input.resolve("make.conf"), "USE=\"-X\"\n");
        Files.createSymbolicLink(input.resolve("make.profile"), Path.of("../../var/db/repos/gentoo/profiles/x"));
        Path target = Files.createDirectories(dir.resolve("root/etc/portage"));
        Files.writeString(target.resolve("package.use"), "the seed's own\n");
        Files.writeString(dir.resolve("in-world"), "@web\n");
        Files.writeString(Files.createDirectories(dir.resolve("root/var/lib/portage")).resolve("world_sets"), "old\n");

        bash("zentoo_input " + input + " " + target + "\nzentoo_input " + dir.resolve("in-world") + " "
                + dir.resolve("root/var/lib/portage/world_sets"));

        assertEquals("make.conf 644 f\nmake.profile 777 l\n", names(target));
        assertEquals("USE=\"-X\"\n", Files.readString(target.resolve("make.conf")));
        assertEquals("@web\n", Files.readString(dir.resolve("root/var/lib/portage/world_sets")));
    }

    @Test
    void aCopyLandsAsDockerCpWouldUnpackIt() throws Exception {
        Path extras = Files.createDirectories(dir.resolve("extras"));
        Files.writeString(extras.resolve("services"), "sshd\n");
        Path script = Files.writeString(extras.resolve("run.sh"), "#!/bin/sh\n");
        script.toFile().setExecutable(true, false);
        Path tar = dir.resolve("copy.tar");
        try (OutputStream out = Files.newOutputStream(tar)) {
            DirectoryTar.write(List.of(new DirectoryTar.Tree(extras, "var/tmp/zentoo")), out);
        }
        for (String root : List.of("viaTask", "viaDockerCp")) {
            Files.createDirectories(dir.resolve(root + "/var/tmp"));
            bash("touch -d 2001-01-01T00:00:00 " + dir.resolve(root + "/var"));
        }
        // The image holds the copy's tar below its inputs; the task unpacks it where docker cp would have.
        bash("zentoo_copy " + tar + " " + dir.resolve("viaTask") + "\ntar -xpf " + tar + " -C "
                + dir.resolve("viaDockerCp"));

        String expected = listing(dir.resolve("viaDockerCp/var/tmp/zentoo"));
        assertTrue(expected.contains("run.sh 755 f"), expected);
        assertEquals(expected, listing(dir.resolve("viaTask/var/tmp/zentoo")));
        assertEquals(Files.getLastModifiedTime(dir.resolve("viaDockerCp/var")),
                Files.getLastModifiedTime(dir.resolve("viaTask/var")));
    }

    @Test
    void aStepWithoutANetworkIsATaskAttachedToNoneAndAHostNetworkIsRefused() throws Exception {
        // zentoo:test's container: the imported stage, --network none, a copy-in, its own command.
        ContainerSpec test = new ContainerSpec("zentoo/stage-under-test:m1-r1").machine("m1").network("none")
                .command("/bin/bash", "/var/tmp/zentoo-test/stage-tests.sh");
        SwarmTask.Plan plan = SwarmTask.plan(test, List.of("/"));
        assertTrue(plan.detached());
        ContainerSpec task = SwarmTask.remote(test, "img", plan);
        assertEquals(null, task.network());
        assertEquals(List.of("zentoo", "/bin/bash", "/var/tmp/zentoo-test/stage-tests.sh"),
                task.command().subList(3, 6));
        assertFalse(SwarmTask.plan(new ContainerSpec("seed").machine("m1").command("true"), List.of()).detached());

        ContainerSpec distcc = new ContainerSpec("seed").machine("m1").network("zentoo-distcc-1").command("true");
        EngineException e = assertThrows(EngineException.class, () -> SwarmTask.plan(distcc, List.of()));
        assertTrue(e.getMessage().contains("network zentoo-distcc-1"), e.getMessage());
    }

    @Test
    void theInputsAreGoneOnceInPlace() throws Exception {
        ContainerSpec spec = buildLike(Files.createDirectories(dir.resolve("portage")),
                Files.writeString(dir.resolve("credentials"), "builder:hunter2\n"));
        String prelude = SwarmTask.plan(spec, List.of("/")).prelude();
        // Last, after every input and copy: a test of the stage walks the task's whole root.
        assertTrue(prelude.endsWith("mkdir -p '/run/zentoo-bugreports'\nrm -rf /zentoo-inputs\n"), prelude);
    }

    @Test
    void anImageTagIsMadeOfTheLettersATagAllows() {
        assertEquals("1733470000-ab12cd34-web_1-build", SwarmTask.tag("1733470000-ab12cd34", "web:1", "build"));
        assertEquals(128, SwarmTask.tag("r", "m".repeat(200), "assemble").length());
    }

    private static ContainerSpec buildLike(Path config, Path credentials) {
        return new ContainerSpec("seed@sha256:01").machine("m1")
                .mount(Mount.bind(config, "/etc/portage", true))
                .mount(Mount.volume("zentoo-repos-1", Volumes.REPOS_PATH, true))
                .mount(Mount.volume("zentoo-distfiles", Volumes.DISTFILES_PATH, false))
                .mount(Mount.bind(config, "/run/zentoo-bugreports", false))
                .mount(Mount.bind(credentials, BinhostStore.CREDENTIALS_PATH, true))
                .env("PKGDIR", "/var/cache/binpkgs/p1")
                .script("emerge @world");
    }

    /** Name, mode and type of each entry below {@code root}, then each non-link's mtime in seconds, sorted. */
    private String listing(Path root) throws Exception {
        return bash("cd " + root + " && find . -mindepth 1 -printf '%P %m %y\\n' | sort")
                + bash("cd " + root + " && find . -mindepth 1 ! -type l -printf '%P %Ts\\n' | sort");
    }

    private String names(Path root) throws Exception {
        return bash("cd " + root + " && find . -mindepth 1 -printf '%P %m %y\\n' | sort");
    }

    /** Runs {@code script} after the task prelude's functions, in the host's bash. */
    private String bash(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", SwarmTask.PLACE + script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
