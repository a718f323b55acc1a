package org.zentoo.step;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.engine.ContainerSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store's lock as the containers take it: the writers' wrapper and zentoo:gc's
 * gc.sh, both run by a real bash with util-linux's flock on a lock file here, so
 * the two sides meet as they do on the store. Then every writer of the store
 * (build, kernel, distcc image, writable freshroot) runs its command in that
 * wrapper; the binhost-signed IT holds a real zentoo:build against zentoo:gc.
 */
class StoreLockTest {

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    /** A command run as a writer runs it: in the wrapper, on this test's lock file. */
    private Process writer(String script, String log) throws IOException {
        List<String> command = StoreLock.shared(lock().toString(), List.of("/bin/bash", "-c", script));
        return start(command, Map.of(), log);
    }

    /** zentoo:gc's own script on this test's lock file; its collection (gc.py) is not here, so it ends there. */
    private Process gc(int waitSeconds, String log) throws IOException {
        return start(List.of("bash", "-c", ContainerScript.read(StoreCollector.class, "gc.sh")),
                Map.of(StoreLock.GC_VARIABLE, lock().toString(), "ZENTOO_GC_WAIT", Integer.toString(waitSeconds)), log);
    }

    private Process start(List<String> command, Map<String, String> env, String log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        started.add(p);
        return p;
    }

    private Path lock() {
        return dir.resolve("store-lock");
    }

    private void awaitFile(String name) throws InterruptedException {
        for (int i = 0; i < 300 && !Files.exists(dir.resolve(name)); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(dir.resolve(name)), name + " did not appear within 30 s");
    }

    private void awaitOutput(String log, String text) throws Exception {
        for (int i = 0; i < 300 && !output(log).contains(text); i++) {
            Thread.sleep(100);
        }
        assertTrue(output(log).contains(text), log + " did not say '" + text + "' within 30 s: " + output(log));
    }

    private String output(String log) throws IOException {
        return Files.readString(dir.resolve(log));
    }

    private static int exit(Process p) throws InterruptedException {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not end within 60 s");
        return p.exitValue();
    }

    @Test
    void gcRefusesWhileAWriterRunsAndWaitsForItsEndWhenAskedTo() throws Exception {
        Process build = writer("touch running; while [ ! -e done ]; do sleep 0.1; done", "build.log");
        awaitFile("running");

        Process refused = gc(0, "gc-refused.log");
        assertEquals(75, exit(refused), output("gc-refused.log"));
        assertTrue(output("gc-refused.log").contains(
                "[zentoo] refused: a build is using this store; nothing was removed"), output("gc-refused.log"));

        Process waiting = gc(60, "gc-waiting.log");
        awaitOutput("gc-waiting.log", "[zentoo] a build is using this store: waiting up to 60 s");
        Thread.sleep(500);
        assertTrue(waiting.isAlive(), "gc must wait while the writer runs: " + output("gc-waiting.log"));
        assertFalse(output("gc-waiting.log").contains("collecting"), output("gc-waiting.log"));
        Files.createFile(dir.resolve("done"));
        assertEquals(0, exit(build), output("build.log"));
        exit(waiting);
        assertTrue(output("gc-waiting.log").contains("[zentoo] the build finished: collecting"),
                output("gc-waiting.log"));
    }

    @Test
    void writersShareTheLockAndWaitWhileGcHoldsIt() throws Exception {
        Process first = writer("touch first; while [ ! -e done ]; do sleep 0.1; done", "first.log");
        awaitFile("first");
        // A second writer is not held up by the first.
        Process second = writer("touch second", "second.log");
        assertEquals(0, exit(second), output("second.log"));
        Files.createFile(dir.resolve("done"));
        assertEquals(0, exit(first), output("first.log"));

        // zentoo:gc holds it as gc.sh does (flock -x): a writer says so and waits.
        Process collecting = start(List.of("flock", "-x", lock().toString(), "bash", "-c",
                "touch collecting; while [ ! -e collected ]; do sleep 0.1; done"), Map.of(), "collecting.log");
        awaitFile("collecting");
        Process blocked = writer("touch wrote", "blocked.log");
        awaitOutput("blocked.log", "[zentoo] zentoo:gc is collecting this binpkg store: waiting for it");
        Thread.sleep(500);
        assertTrue(blocked.isAlive(), output("blocked.log"));
        assertFalse(Files.exists(dir.resolve("wrote")), "the writer ran while zentoo:gc collected");
        Files.createFile(dir.resolve("collected"));
        assertEquals(0, exit(collecting), output("collecting.log"));
        assertEquals(0, exit(blocked), output("blocked.log"));
        assertTrue(Files.exists(dir.resolve("wrote")));
    }

    @Test
    void theCommandKeepsItsArgumentsAndItsExitStatus() throws Exception {
        List<String> command = StoreLock.shared(lock().toString(),
                List.of("/bin/bash", "-c", "printf '%s|' \"$0\" \"$@\"; exit 3", "it's", "two words", "$HOME"));
        Process p = start(command, Map.of(), "args.log");
        assertEquals(3, exit(p));
        assertEquals("it's|two words|$HOME|", output("args.log"));
    }

    @Test
    void aWrappedCommandIsNotWrappedTwiceAndAnEmptyOneIsRefused() {
        ContainerSpec once = StoreLock.shared(new ContainerSpec("seed").script("emerge @world"));
        List<String> twice = StoreLock.shared(new ContainerSpec("seed").command(once.command().toArray(String[]::new)))
                .command();
        assertEquals(once.command(), twice);
        assertTrue(StoreLock.holds(once.command()));
        assertFalse(StoreLock.holds(List.of("/bin/bash", "-c", "emerge @world")));
        assertThrows(IllegalArgumentException.class, () -> StoreLock.shared(new ContainerSpec("seed")));
    }

    // Every writer of the store: the command its container runs is the wrapper's.

    @Test
    void theBuildRunsUnderTheLock() throws IOException {
        List<String> command = builder().buildContainer(job(), UnaryOperator.identity()).command();
        assertTrue(StoreLock.holds(command), command::toString);
        assertTrue(inner(command).contains(PortageCommands.line(PortageCommands.BUILD)), command::toString);
    }

    @Test
    void theKernelBuildRunsUnderTheLock() throws IOException {
        List<String> command = new KernelBuilder(null, builder()).container(job(), UnaryOperator.identity()).command();
        assertTrue(StoreLock.holds(command), command::toString);
        assertTrue(inner(command).contains("--onlydeps"), "kernel.sh: " + command);
    }

    @Test
    void aFreshrootWithAWritableStoreHoldsTheLockAndAReadOnlyOneCannot() throws IOException {
        assertTrue(StoreLock.holds(builder().freshroot(job(), true, "touch /var/cache/binpkgs/x").command()));
        assertTrue(StoreLock.holds(builder().freshroot(job(), true, null).command()));
        assertEquals(List.of("/bin/bash", "-l"), StoreLock.unwrapped(builder().freshroot(job(), true, null).command()));
        // The lock file is opened for writing: on a read-only store that would fail.
        assertFalse(StoreLock.holds(builder().freshroot(job(), false, "true").command()));
        assertFalse(StoreLock.holds(builder().environment(job(), false).script("emerge -p @world").command()));
    }

    private static String inner(List<String> command) {
        return String.join(" ", StoreLock.unwrapped(command));
    }

    private static Builder builder() {
        return new Builder(null, Volumes.DEFAULT, ReproducibleBuild.off());
    }

    private MachineJob job() throws IOException {
        Path rendered = dir.resolve("rendered");
        Files.createDirectories(rendered.resolve("etc/portage"));
        return new MachineJob("web01", "web01", rendered, "seed:1", "sha512:aa", "zentoo-repos-seed", null,
                List.of(), "sys-kernel/gentoo-kernel", "inputs", "p1");
    }
}
