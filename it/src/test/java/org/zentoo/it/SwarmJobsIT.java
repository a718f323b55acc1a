package org.zentoo.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.JobSecret;
import org.zentoo.engine.SwarmJobs;
import org.zentoo.machine.Platform;
import org.zentoo.testing.Strict;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Swarm jobs for real, on the test Swarm of it/swarm/nodes.sh: the host's daemon is
 * the manager, two Docker-in-Docker containers are the worker nodes, and a registry
 * container serves the job image. Each job is kept off the manager by a
 * constraint; where it ran, what Swarm was asked, and that a secret stays secret
 * are read with the docker CLI while the job runs, independently of the engine.
 * The last test kills the worker container running a job and expects the job to
 * end on the other node, once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmJobsIT {

    private static final String SITE = "org.zentoo.it:swarm-jobs";
    private static final String CONSTRAINTS = "node.role==worker,node.labels.zentoo==builder";
    private static Path nodesScript;
    private static Path state;
    private static Map<String, String> workers;
    private static String image;
    private static DockerEngine engine;
    private static final List<String> notes = new CopyOnWriteArrayList<>();
    private static SwarmJobs jobs;

    @BeforeAll
    static void startTheTestSwarm() throws Exception {
        nodesScript = TestStage.itBasedir().resolve("swarm/nodes.sh");
        state = TestStage.itBasedir().resolve("target/swarm-it");
        Run up = sh(900, "bash " + nodesScript + " up " + state);
        Strict.assume(up.exit() == 0, "a Docker-in-Docker Swarm on this host (it/swarm/nodes.sh up failed: "
                + up.out().strip() + ")");
        workers = new LinkedHashMap<>();
        for (String line : Files.readAllLines(state.resolve("nodes"))) {
            workers.put(line.substring(line.indexOf('=') + 1), line.substring(0, line.indexOf('=')));
        }
        assertEquals(2, workers.size(), "two worker nodes: " + workers);
        // A one-layer image of a shell and a few tools from the test stage: enough for the
        // jobs here, and quick to pull into a node's vfs store.
        String registry = Files.readString(state.resolve("registry")).strip();
        String tag = registry + "/zentoo-it/swarm-job:it";
        Run made = sh(300, "docker run --rm --label org.zentoo.site=" + SITE + " " + TestStage.IMAGE
                + " tar -ch /bin/sh /bin/dash /bin/cat /bin/sleep /usr/bin/od /lib/x86_64-linux-gnu/libc.so.6"
                + " /lib64/ld-linux-x86-64.so.2 2>/dev/null | docker import - " + tag + " >/dev/null"
                + " && docker push " + tag + " >/dev/null"
                + " && docker image inspect -f '{{index .RepoDigests 0}}' " + tag);
        assertEquals(0, made.exit(), made.out());
        image = made.out().strip();
        engine = TestStage.engine(SITE);
        jobs = new SwarmJobs(engine, CONSTRAINTS, Duration.ofMinutes(5), notes::add);
    }

    @AfterAll
    static void stopTheTestSwarm() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (image != null) {
            sh(60, "docker rmi " + image.substring(0, image.indexOf('@')) + ":it");
        }
        if (nodesScript != null) {
            Run down = sh(300, "bash " + nodesScript + " down " + state);
            assertEquals(0, down.exit(), down.out());
        }
    }

    @Test
    @Order(1)
    void aJobRunsOnAWorkerNodeInJobModeAndItsOutputAndExitCodeComeBack() throws Exception {
        notes.clear();
        Watcher watcher = Watcher.start();
        List<String> lines = new ArrayList<>();
        SwarmJobs.Outcome outcome = jobs.run(job("echo to-stdout; echo to-stderr >&2; sleep 3; exit 0"), List.of(),
                lines::add);
        Seen seen = watcher.await();
        assertEquals(0, outcome.exitCode());
        assertEquals(1, outcome.attempts());
        assertTrue(lines.containsAll(List.of("to-stdout", "to-stderr")), "both streams come back: " + lines);
        assertTrue(workers.containsValue(seen.node()), "the task ran on a worker node, not " + seen.node());
        assertEquals(seen.node(), workers.get(outcome.nodeId()), "the outcome names the node Swarm placed it on");
        assertEquals("{\"ReplicatedJob\":{\"MaxConcurrent\":1,\"TotalCompletions\":1}}", seen.mode());
        assertTrue(seen.inspect().contains("\"Condition\": \"none\""), seen.inspect());
        for (String c : List.of("node.platform.arch==x86_64", "node.role==worker", "node.labels.zentoo==builder")) {
            assertTrue(seen.inspect().contains("\"" + c + "\""), c + " in " + seen.inspect());
        }
        assertTrue(seen.inspect().contains("\"org.zentoo.run\": \"" + engine.run().runId() + "\""), seen.inspect());
        assertTrue(notes.isEmpty(), "nothing was retried: " + notes);
        assertGone();
    }

    @Test
    @Order(2)
    void aNonZeroExitIsTheJobsAnswerAndIsNotRetried() throws Exception {
        notes.clear();
        List<String> lines = new ArrayList<>();
        SwarmJobs.Outcome outcome = jobs.run(job("echo failing; exit 3"), List.of(), lines::add);
        assertEquals(3, outcome.exitCode());
        assertEquals(1, outcome.attempts(), "an exit code is an answer, not a lost node");
        assertEquals(List.of("failing"), lines);
        assertTrue(notes.isEmpty(), notes.toString());
        assertGone();
    }

    @Test
    @Order(3)
    void aSecretIsReadableInTheTaskAndNowhereElse() throws Exception {
        String secret = "zentoo-it-secret-" + Long.toHexString(System.nanoTime());
        // Bytes that are no UTF-8 too: a key file must arrive exactly as it is.
        byte[] content = java.nio.ByteBuffer.allocate(secret.length() + 3).put(secret.getBytes(StandardCharsets.UTF_8))
                .put(new byte[] {0, (byte) 0xff, (byte) 0xc3}).array();
        Watcher watcher = Watcher.start();
        List<String> lines = new ArrayList<>();
        // The task prints the secret's bytes in hex, so the secret's own text never reaches its log.
        SwarmJobs.Outcome outcome = jobs.run(job("od -An -v -tx1 /run/secrets/upload-token; sleep 3"),
                List.of(new JobSecret("upload-token", content)), lines::add);
        Seen seen = watcher.await();
        assertEquals(0, outcome.exitCode(), lines.toString());
        String hex = String.join("", lines).replaceAll("\\s", "");
        assertEquals(HexFormat.of().formatHex(content), hex,
                "the task read the secret's exact bytes at /run/secrets/upload-token");
        assertTrue(seen.inspect().contains("\"upload-token\""), "the service mounts it: " + seen.inspect());
        assertFalse(seen.inspect().contains(secret), "docker service inspect shows no secret");
        assertFalse(seen.secrets().contains(secret), "docker secret inspect shows no secret");
        assertFalse(String.join("\n", lines).contains(secret) || notes.toString().contains(secret), "no log shows it");
        assertGone();
    }

    @Test
    @Order(4)
    void aJobWhoseNodeDiesRunsOnceMoreOnTheOtherNode() throws Exception {
        notes.clear();
        // Kills the worker container the task was placed on, once it runs there.
        Thread killer = daemon(() -> {
            try {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (System.nanoTime() < deadline) {
                    List<String> running = services("{{.Node}} {{.CurrentState}}");
                    String node = running.stream().filter(l -> l.contains(" Running ")).map(l -> l.split(" ")[0])
                            .findFirst().orElse(null);
                    if (node != null) {
                        sh(60, "docker kill " + node);
                        notes.add("test killed " + node);
                        return;
                    }
                    Thread.sleep(200);
                }
            } catch (Exception e) {
                notes.add("the killer failed: " + e);
            }
        });
        List<String> lines = new ArrayList<>();
        SwarmJobs.Outcome outcome = jobs.run(job("sleep 15; echo done"), List.of(), lines::add);
        killer.join(TimeUnit.MINUTES.toMillis(1));
        String killed = notes.stream().filter(n -> n.startsWith("test killed ")).map(n -> n.substring(12))
                .findFirst().orElseThrow(() -> new AssertionError("no node was killed: " + notes));
        assertEquals(0, outcome.exitCode(), lines.toString());
        assertEquals(2, outcome.attempts(), notes.toString());
        assertEquals(List.of("done"), lines, "only the second task's output");
        String other = workers.values().stream().filter(w -> !w.equals(killed)).findFirst().orElseThrow();
        assertEquals(other, workers.get(outcome.nodeId()), "it ended on the other node");
        assertEquals(1, notes.stream().filter(n -> n.contains("lost node") && n.contains("once more")).count(),
                "one log line says why it ran again: " + notes);
        assertGone();
    }

    @Test
    @Order(5)
    void aKilledRunsServiceAndSecretAreCollectedByTheNextRun() throws Exception {
        // What a run killed mid-job leaves: its labels name this host and a process that is gone.
        String owner = engine.run().host() + ":" + Integer.MAX_VALUE;
        String labels = " --label org.zentoo.site=" + SITE + " --label org.zentoo.run=killed-run"
                + " --label org.zentoo.owner=" + owner + " --label org.zentoo.machine=swarm-job ";
        Run secret = sh(60, "printf left | docker secret create" + labels + "zentoo-it-left-secret -");
        assertEquals(0, secret.exit(), secret.out());
        Run service = sh(60, "docker service create --detach --mode replicated-job --replicas 0" + labels
                + "--name zentoo-it-left-job " + image + " /bin/sh -c true");
        assertEquals(0, service.exit(), service.out());
        List<String> removed = engine.collectLeftovers();
        assertTrue(removed.containsAll(List.of("service zentoo-it-left-job", "secret zentoo-it-left-secret")),
                removed.toString());
        assertGone();
    }

    private static ContainerSpec job(String script) {
        return new ContainerSpec(image).command("/bin/sh", "-c", script).machine("swarm-job").platform(Platform.AMD64);
    }

    /** The tasks of the site's services, as docker service ps prints them in {@code format}. */
    private static List<String> services(String format) throws Exception {
        List<String> out = new ArrayList<>();
        for (String id : DockerCli.list("service", "ls", "-q", "--filter", "label=org.zentoo.site=" + SITE)) {
            Run ps = sh(60, "docker service ps --no-trunc --format '" + format + "' " + id);
            if (ps.exit() == 0) {
                out.addAll(ps.out().lines().toList());
            }
        }
        return out;
    }

    /** No service or secret of the site is left once a job returned. */
    private static void assertGone() throws Exception {
        assertEquals(List.of(), DockerCli.list("service", "ls", "-q", "--filter", "label=org.zentoo.site=" + SITE));
        assertEquals(List.of(), DockerCli.list("secret", "ls", "-q", "--filter", "label=org.zentoo.site=" + SITE));
    }

    /** What the docker CLI showed of the site's job while it ran. */
    private record Seen(String node, String mode, String inspect, String secrets) {
    }

    /** Watches, bounded, for the site's next job service and notes what the CLI says of it. */
    private static final class Watcher {
        private volatile Seen seen;
        private Thread thread;

        static Watcher start() {
            Watcher w = new Watcher();
            w.thread = daemon(() -> {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                try {
                    while (System.nanoTime() < deadline) {
                        List<String> ids = DockerCli.list("service", "ls", "-q", "--filter", "label=org.zentoo.site=" + SITE);
                        if (!ids.isEmpty()) {
                            String id = ids.get(0);
                            Run node = sh(60, "docker service ps --format '{{.Node}} {{.CurrentState}}' " + id);
                            String running = node.out().lines().filter(l -> l.contains(" Running "))
                                    .map(l -> l.split(" ")[0]).findFirst().orElse(null);
                            if (running != null) {
                                w.seen = new Seen(running,
                                        sh(60, "docker service inspect -f '{{json .Spec.Mode}}' " + id).out().strip(),
                                        sh(60, "docker service inspect " + id).out(),
                                        sh(60, "docker secret ls -q --filter label=org.zentoo.site=" + SITE
                                                + " | xargs -r docker secret inspect").out());
                                return;
                            }
                        }
                        Thread.sleep(200);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            return w;
        }

        Seen await() throws InterruptedException {
            thread.join(TimeUnit.MINUTES.toMillis(3));
            assertTrue(seen != null, "the watcher never saw the job's task running");
            return seen;
        }
    }

    private record Run(int exit, String out) {
    }

    private static Run sh(int seconds, String script) throws Exception {
        Path out = Files.createTempFile("swarm-it", ".out");
        try {
            Process p = new ProcessBuilder("bash", "-c", "set -o pipefail; " + script).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(script + " took over " + seconds + " s");
            }
            return new Run(p.exitValue(), Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Thread daemon(Runnable work) {
        Thread t = new Thread(work, "swarm-jobs-it");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
