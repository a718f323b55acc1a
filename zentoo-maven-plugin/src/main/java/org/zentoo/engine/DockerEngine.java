package org.zentoo.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

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
    private final Set<String> ownContainers = ConcurrentHashMap.newKeySet();
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

    // ---- images ----

    /** The image's id, or empty when the local daemon does not have it. */
    public Optional<ImageInfo> inspectImage(String reference) throws EngineException {
        try {
            InspectImageResponse image = docker.inspectImageCmd(reference).exec();
            Map<String, String> labels = image.getConfig() == null || image.getConfig().getLabels() == null
                    ? Map.of() : image.getConfig().getLabels();
            List<String> digests = image.getRepoDigests() == null ? List.of() : image.getRepoDigests();
            return Optional.of(new ImageInfo(image.getId(), digests, labels));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (DockerException e) {
            throw new EngineException("cannot inspect image " + reference + ": " + e.getMessage(), e);
        }
    }

    /** Pulls with the credentials of ~/.docker/config.json, reporting progress lines. */
    public void pull(String reference, Consumer<String> progress) throws EngineException {
        ProgressCallback<PullResponseItem> callback = new ProgressCallback<>(progress);
        Throwable failure;
        try {
            failure = callback.await(() -> docker.pullImageCmd(reference).withAuthConfig(docker.authConfig())
                    .exec(callback));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("pull of " + reference + " interrupted", e);
        }
        if (failure != null) {
            throw new EngineException("cannot pull " + reference + " (the daemon at " + host() + " said: "
                    + failure.getMessage() + "). Check the network and the registry's credentials in"
                    + " ~/.docker/config.json, or load the image into the daemon first, or use a stage3 tarball"
                    + " as SEED.", failure);
        }
    }

    /**
     * Tags a local image as {@code repository:tag}, pushes it with the credentials
     * ~/.docker/config.json has for that registry, and returns the pushed
     * reference pinned by digest ({@code repository@sha256:...}).
     */
    public String push(String image, String repository, String tag, Consumer<String> progress)
            throws EngineException {
        ProgressCallback<PushResponseItem> callback = new ProgressCallback<>(progress);
        Throwable failure;
        try {
            docker.tagImageCmd(image, repository, tag).exec();
            failure = callback.await(() -> docker.pushImageCmd(repository).withTag(tag)
                    .withAuthConfig(config.effectiveAuthConfig(repository)).exec(callback));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("push of " + repository + ":" + tag + " interrupted", e);
        } catch (DockerException e) {
            failure = e;
        }
        if (failure != null) {
            throw new EngineException("cannot push " + image + " to " + repository + ":" + tag + " (the daemon at "
                    + host() + " said: " + failure.getMessage() + "). Check that the registry answers and"
                    + " its credentials in ~/.docker/config.json.", failure);
        }
        return inspectImage(repository + ":" + tag).flatMap(info -> info.repoDigests().stream()
                        .filter(d -> d.startsWith(repository + "@")).findFirst())
                .orElseThrow(() -> new EngineException("pushed " + repository + ":" + tag
                        + ", but the daemon recorded no digest for it"));
    }

    /**
     * Commits a stopped container as {@code repository:tag} and returns the image
     * id. Docker would record the container's own command and labels in the image;
     * the command is set back to its image's (a shell when it has none), and the
     * owner label is replaced so that no later run takes containers of this image
     * for a killed run's leftovers.
     */
    public String commit(String containerId, String repository, String tag, Map<String, String> labels)
            throws EngineException {
        try {
            String base = docker.inspectContainerCmd(containerId).exec().getImageId();
            ContainerConfig baseConfig = docker.inspectImageCmd(base).exec().getConfig();
            String[] command = baseConfig == null || baseConfig.getCmd() == null || baseConfig.getCmd().length == 0
                    ? new String[] {"/bin/bash"} : baseConfig.getCmd();
            Map<String, String> imageLabels = new java.util.HashMap<>(labels);
            imageLabels.put(RunIdentity.OWNER, "image");
            return docker.commitCmd(containerId).withRepository(repository).withTag(tag).withCmd(command)
                    .withLabels(imageLabels).exec();
        } catch (DockerException e) {
            throw new EngineException("cannot commit container " + shortId(containerId) + " as " + repository + ":"
                    + tag + ": " + e.getMessage(), e);
        }
    }

    /**
     * Imports a root filesystem tarball as an image. docker-java's createImageCmd
     * JSON-encodes its stream, so this posts the tarball through the raw client.
     */
    public String importImage(Path tarball, String repository, String tag, Map<String, String> labels)
            throws EngineException {
        StringBuilder path = new StringBuilder("/images/create?fromSrc=-&repo=")
                .append(encode(repository)).append("&tag=").append(encode(tag));
        labels.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(label ->
                path.append("&changes=").append(encode("LABEL " + label.getKey() + "=" + label.getValue())));
        try (InputStream body = Files.newInputStream(tarball)) {
            DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.POST)
                    .path(path.toString())
                    .putHeader("Content-Type", "application/x-tar")
                    .body(body)
                    .build();
            try (DockerHttpClient.Response response = http.execute(request)) {
                String answer = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                if (response.getStatusCode() != 200 || answer.contains("\"error\"")) {
                    throw new EngineException("docker import of " + tarball + " failed: " + answer.strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new EngineException("docker import of " + tarball + " failed: " + e.getMessage(), e);
        }
        return inspectImage(repository + ":" + tag)
                .orElseThrow(() -> new EngineException("imported image " + repository + ":" + tag + " is missing"))
                .id();
    }

    // ---- volumes ----

    /** Creates a shared volume once; an existing one is used as it is. */
    public void ensureVolume(String name, Map<String, String> labels) throws EngineException {
        try {
            docker.inspectVolumeCmd(name).exec();
        } catch (NotFoundException e) {
            try {
                docker.createVolumeCmd().withName(name).withLabels(labels).exec();
            } catch (DockerException ce) {
                throw new EngineException("cannot create volume " + name + ": " + ce.getMessage(), ce);
            }
        } catch (DockerException e) {
            throw new EngineException("cannot inspect volume " + name + ": " + e.getMessage(), e);
        }
    }

    /** Whether a volume of that name exists, e.g. to look inside it before anything is fetched for it. */
    /** The labels a volume was created with; empty when there is no such volume. */
    public Map<String, String> volumeLabels(String name) throws EngineException {
        try {
            Map<String, String> labels = docker.inspectVolumeCmd(name).exec().getLabels();
            return labels == null ? Map.of() : labels;
        } catch (NotFoundException e) {
            return Map.of();
        } catch (DockerException e) {
            throw new EngineException("cannot inspect volume " + name + ": " + e.getMessage(), e);
        }
    }

    public boolean volumeExists(String name) throws EngineException {
        try {
            docker.inspectVolumeCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (DockerException e) {
            throw new EngineException("cannot inspect volume " + name + ": " + e.getMessage(), e);
        }
    }

    public void removeVolume(String name) throws EngineException {
        try {
            docker.removeVolumeCmd(name).exec();
        } catch (NotFoundException e) {
            // already gone: nothing to do
        } catch (DockerException e) {
            throw new EngineException("cannot remove volume " + name + ": " + e.getMessage(), e);
        }
    }

    // ---- containers ----

    /** Creates a labelled container that this run owns and will remove. */
    public String create(ContainerSpec spec) throws EngineException {
        List<com.github.dockerjava.api.model.Mount> mounts = new ArrayList<>();
        for (Mount m : spec.mounts()) {
            mounts.add(new com.github.dockerjava.api.model.Mount()
                    .withType(m.kind() == Mount.Kind.BIND ? MountType.BIND : MountType.VOLUME)
                    .withSource(m.source())
                    .withTarget(m.target())
                    .withReadOnly(m.readOnly()));
        }
        HostConfig host = HostConfig.newHostConfig().withMounts(mounts).withPrivileged(false);
        if (spec.network() != null) {
            host.withNetworkMode(spec.network());
        }
        Map<String, String> labels = new java.util.HashMap<>(spec.labels());
        labels.putAll(run.labels(spec.machine()));
        List<String> env = spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
        try {
            CreateContainerCmd cmd = docker.createContainerCmd(spec.image())
                    .withHostConfig(host)
                    .withLabels(labels)
                    .withEnv(env);
            if (!spec.command().isEmpty()) {
                cmd.withCmd(spec.command());
            }
            if (spec.user() != null) {
                cmd.withUser(spec.user());
            }
            if (spec.name() != null) {
                cmd.withName(spec.name());
            }
            String id = cmd.exec().getId();
            ownContainers.add(id);
            return id;
        } catch (NotFoundException e) {
            throw new EngineException("image " + spec.image() + " is not on the Docker daemon at " + host(), e);
        } catch (DockerException e) {
            throw new EngineException("cannot create a container from " + spec.image() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts a created container, follows its output line by line until it ends,
     * and returns its exit code.
     */
    public int startAndWait(String id, Consumer<String> lines) throws EngineException {
        LineSplitter splitter = new LineSplitter(lines);
        try {
            docker.startContainerCmd(id).exec();
            try (ResultCallback.Adapter<Frame> logs = docker.logContainerCmd(id)
                    .withFollowStream(true).withStdOut(true).withStdErr(true)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            splitter.accept(frame.getPayload());
                        }
                    })) {
                logs.awaitCompletion();
            }
            splitter.flush();
            return docker.waitContainerCmd(id).start().awaitStatusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while container " + shortId(id) + " ran", e);
        } catch (IOException | RuntimeException e) {
            throw new EngineException("container " + shortId(id) + " failed to run: " + e.getMessage(), e);
        }
    }

    /** Starts a created container and returns at once: for services that run beside a build. */
    public void start(String id) throws EngineException {
        try {
            docker.startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            throw new EngineException("cannot start container " + shortId(id) + ": " + e.getMessage(), e);
        }
    }

    /** Create, start, follow, wait, remove: the usual life of a build step. */
    public int run(ContainerSpec spec, Consumer<String> lines) throws EngineException {
        String id = create(spec);
        try {
            return startAndWait(id, lines);
        } finally {
            remove(id);
        }
    }

    /** Streams `docker export` of a container (its whole filesystem as a tar). */
    public void export(String id, OutputStream out) throws EngineException {
        try (InputStream tar = docker.exportContainerCmd(id).exec()) {
            tar.transferTo(out);
        } catch (IOException | RuntimeException e) {
            throw new EngineException("cannot export container " + shortId(id) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies a tar into a container, unpacked at {@code path}, as {@code tar} writes it, through a pipe, so
     * that large trees never sit in memory. A refusal of the daemon is reported
     * as such, not as the broken pipe the writer then sees.
     */
    public void copyIn(String id, String path, StreamPump.Writer tar) throws EngineException, IOException {
        EngineException[] refused = new EngineException[1];
        try {
            StreamPump.pipe("copy into " + shortId(id) + ":" + path, tar, in -> {
                try {
                    docker.copyArchiveToContainerCmd(id).withRemotePath(path).withTarInputStream(in).exec();
                } catch (RuntimeException e) {
                    refused[0] = new EngineException("cannot copy into " + shortId(id) + ":" + path + ": "
                            + e.getMessage(), e);
                }
            });
        } catch (IOException e) {
            if (refused[0] != null) {
                throw refused[0];
            }
            throw e;
        }
        if (refused[0] != null) {
            throw refused[0];
        }
    }

    /** Copies {@code path} out of the container as a tar stream. */
    public void copyOut(String id, String path, OutputStream out) throws EngineException {
        try (InputStream tar = docker.copyArchiveFromContainerCmd(id, path).exec()) {
            tar.transferTo(out);
        } catch (IOException | RuntimeException e) {
            throw new EngineException("cannot copy " + shortId(id) + ":" + path + " out: " + e.getMessage(), e);
        }
    }

    /** What a container wrote so far, stdout and stderr, without following. */
    public List<String> logs(String id) throws EngineException {
        return docker.logContainerCmd(id).withFollowStream(false).withStdOut(true).withStdErr(true)
                .exec(new FrameLines()).await("container " + shortId(id));
    }

    /** Empty while the container runs; otherwise how it ended ("exited 137", "gone"). */
    public Optional<String> stopped(String id) {
        try {
            var state = docker.inspectContainerCmd(id).exec().getState();
            if (Boolean.TRUE.equals(state.getRunning())) {
                return Optional.empty();
            }
            return Optional.of(state.getStatus() + " " + state.getExitCodeLong()
                    + (Boolean.TRUE.equals(state.getOOMKilled()) ? " (out of memory)" : ""));
        } catch (NotFoundException e) {
            return Optional.of("gone");
        } catch (RuntimeException e) {
            return Optional.of("unknown: " + e.getMessage());
        }
    }

    public void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (NotFoundException e) {
            // gone already
        } catch (RuntimeException e) {
            // Leftovers are collected by the next run; a failed removal must not hide the real error.
        }
        ownContainers.remove(id);
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
                if (!run.runId().equals(labels.get(RunIdentity.RUN)) && run.isDeadOwner(labels.get(RunIdentity.OWNER))) {
                    remove(c.getId());
                    removed.add(labels.getOrDefault(RunIdentity.MACHINE, "?") + "/" + shortId(c.getId()));
                }
            }
        } catch (DockerException e) {
            throw new EngineException("cannot list containers: " + e.getMessage(), e);
        }
        // Services first: their tasks hold the networks.
        removed.addAll(new Swarm(this).collectLeftovers());
        removed.addAll(new Networks(this).collectLeftovers());
        return removed;
    }

    private void removeOwnContainers() {
        for (String id : List.copyOf(ownContainers)) {
            remove(id);
        }
        for (Runnable cleanup = lateCleanups.pollFirst(); cleanup != null; cleanup = lateCleanups.pollFirst()) {
            cleanup.run();
        }
    }

    /** For the engine package's other doors (networks, services): the one client. */
    DockerClient client() {
        return docker;
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

    private static String shortId(String id) {
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
