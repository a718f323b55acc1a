package org.zentoo.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Zentoo's one door to Docker. Connection settings come from docker-java's
 * default config (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH,
 * ~/.docker/config.json). The API version is left to the daemon, because the
 * engines Zentoo meets range from 20.10 upwards.
 */
public final class DockerEngine implements AutoCloseable {

    private final DockerClientConfig config;
    private final DockerHttpClient http;
    private final DockerClient docker;
    private final RunIdentity run;
    private final Images images;
    private final NamedVolumes volumes;
    private final Containers containers;
    private final LocalJobs jobs;
    /** Services and networks this run made: removed after the containers, newest first. */
    private final java.util.Deque<Runnable> lateCleanups = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final Thread cleanupHook;

    private DockerEngine(DockerClientConfig config, RunIdentity run) {
        this.config = config;
        this.run = run;
        this.http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(10))
                .build();
        this.docker = DockerClientImpl.getInstance(config, http);
        this.images = new Images(this);
        this.volumes = new NamedVolumes(this);
        this.containers = new Containers(this);
        this.jobs = new LocalJobs(containers);
        // Ctrl-C ends the JVM without unwinding the build: the hook still removes our containers.
        this.cleanupHook = new Thread(this::removeOwnContainers, "zentoo-container-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupHook);
    }

    /** Connects and pings; a dead daemon is a clear error, not a stack trace. */
    public static DockerEngine connect(RunIdentity run) throws EngineException {
        return connect(run, DefaultDockerClientConfig.createDefaultConfigBuilder().build());
    }

    /** As {@link #connect(RunIdentity)}, to an explicit daemon address. */
    static DockerEngine connect(RunIdentity run, String dockerHost) throws EngineException {
        return connect(run, DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build());
    }

    private static DockerEngine connect(RunIdentity run, DockerClientConfig config) throws EngineException {
        DockerEngine engine = new DockerEngine(config, run);
        try {
            engine.docker.pingCmd().exec();
        } catch (RuntimeException e) {
            engine.close();
            throw new DaemonUnreachableException(config.getDockerHost().toString(), rootCause(e));
        }
        return engine;
    }

    public RunIdentity run() {
        return run;
    }

    public String host() {
        return config.getDockerHost().toString();
    }

    /**
     * The daemon's own platform, from the kernel it runs on: a machine of another one
     * runs under binfmt emulation.
     */
    public org.zentoo.machine.Platform platform() throws EngineException {
        String machine;
        try {
            machine = docker.infoCmd().exec().getArchitecture();
        } catch (RuntimeException e) {
            throw new EngineException("cannot ask the Docker daemon at " + host() + " for its architecture: "
                    + e.getMessage(), e);
        }
        return org.zentoo.machine.Platform.ofMachine(machine == null ? "" : machine)
                .orElse(new org.zentoo.machine.Platform("linux", machine, ""));
    }

    public Images images() {
        return images;
    }

    public NamedVolumes volumes() {
        return volumes;
    }

    public Containers containers() {
        return containers;
    }

    /** Jobs on this daemon: the one way steps run their containers here. */
    public LocalJobs jobs() {
        return jobs;
    }

    /**
     * Removes containers that an earlier, killed run of the same site left behind.
     * Objects of other sites and of runs still alive are not touched.
     */
    public List<String> collectLeftovers() throws EngineException {
        List<String> removed = new ArrayList<>();
        try {
            List<Container> ours = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(RunIdentity.SITE, run.site())).exec();
            for (Container c : ours) {
                Map<String, String> labels = c.getLabels();
                if (run.leftBehind(labels)) {
                    containers.remove(c.getId());
                    removed.add(labels.getOrDefault(RunIdentity.MACHINE, "?") + "/" + shortId(c.getId()));
                }
            }
        } catch (DockerException e) {
            throw new EngineException("cannot list containers: " + e.getMessage(), e);
        }
        // Images after the containers that ran them.
        removed.addAll(images.collectLeftovers());
        // Services first: their tasks hold the networks.
        removed.addAll(new Swarm(this).collectLeftovers());
        removed.addAll(new Networks(this).collectLeftovers());
        return removed;
    }

    private void removeOwnContainers() {
        containers.removeOwn();
        for (Runnable cleanup = lateCleanups.pollFirst(); cleanup != null; cleanup = lateCleanups.pollFirst()) {
            cleanup.run();
        }
    }

    /** For the engine package's other doors (images, volumes, containers, networks, services): the one client. */
    DockerClient client() {
        return docker;
    }

    DockerClientConfig config() {
        return config;
    }

    DockerHttpClient http() {
        return http;
    }

    /** Runs {@code cleanup} after this run's containers are gone, also on Ctrl-C; newest first. */
    void cleanupLater(Runnable cleanup) {
        lateCleanups.addFirst(cleanup);
    }

    @Override
    public void close() {
        removeOwnContainers();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and the hook is running
        }
        try {
            docker.close();
        } catch (IOException e) {
            // closing a client has nothing left to report
        }
    }

    static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
