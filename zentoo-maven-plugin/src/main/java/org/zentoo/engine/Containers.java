package org.zentoo.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.MountType;

import org.zentoo.machine.Platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The containers of a run: created with the run's labels, followed to their
 * end, copied into and out of, and removed. Each one is recorded until it is
 * removed, so that Ctrl-C and the next run can collect it.
 */
public final class Containers {

    private final DockerEngine engine;
    private final DockerClient docker;
    private final Set<String> own = ConcurrentHashMap.newKeySet();

    Containers(DockerEngine engine) {
        this.engine = engine;
        this.docker = engine.client();
    }

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
        labels.putAll(engine.run().labels(spec.machine()));
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
            createPlatform(spec).ifPresent(p -> cmd.withPlatform(p.toString()));
            String id = cmd.exec().getId();
            own.add(id);
            return id;
        } catch (NotFoundException e) {
            throw new EngineException("image " + spec.image() + " is not on the Docker daemon at " + engine.host(), e);
        } catch (DockerException e) {
            throw new EngineException("cannot create a container from " + spec.image() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks that the spec's image is of the spec's platform, and returns the platform to
     * create the container with. Docker 20.10 creates a container with a platform only from
     * an image whose config says that platform, so an imported root (config amd64, the real
     * platform in {@link Platform#LABEL}) is created without one and runs through binfmt all
     * the same. Empty when the spec names no platform.
     */
    public Optional<Platform> createPlatform(ContainerSpec spec) throws EngineException {
        if (spec.platform() == null) {
            return Optional.empty();
        }
        Platform config = platformOf(spec);
        return config.equals(spec.platform()) ? Optional.of(config) : Optional.empty();
    }

    /** The platform the image's config says, after checking the image is of the spec's platform. */
    private Platform platformOf(ContainerSpec spec) throws EngineException {
        Optional<ImageInfo> image = engine.images().inspect(spec.image());
        if (image.isEmpty()) {
            throw new EngineException("image " + spec.image() + " is not on the Docker daemon at " + engine.host());
        }
        Platform actual;
        try {
            actual = image.get().platform();
        } catch (IllegalArgumentException e) {
            throw new EngineException("image " + spec.image() + " has a bad " + Platform.LABEL + " label: "
                    + e.getMessage(), e);
        }
        if (!actual.equals(spec.platform())) {
            throw new EngineException("image " + spec.image() + " is of platform " + actual + ", but machine "
                    + spec.machine() + " is " + spec.platform() + "; a container of one machine never runs another"
                    + " platform's image. Give the machine a seed of " + spec.platform() + " (an imported root"
                    + " records its platform in the label " + Platform.LABEL + ")");
        }
        return image.get().configPlatform();
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

    /** Create, start, follow, wait, remove: the exit code of a container that needs nothing else. */
    public int run(ContainerSpec spec, Consumer<String> lines) throws EngineException {
        try {
            return run(spec, id -> { }, lines, (id, exit) -> exit);
        } catch (IOException e) {
            throw new EngineException(e.getMessage(), e);
        }
    }

    /** What is done with a created container before it starts (e.g. copy files in). */
    @FunctionalInterface
    public interface Prepare {
        void before(String id) throws EngineException, IOException;
    }

    /** What is taken from a container after it ended, before it is removed. */
    @FunctionalInterface
    public interface Finish<T, X extends Exception> {
        T after(String id, int exit) throws EngineException, IOException, X;
    }

    /**
     * The one life of a container: create with the run's labels, prepare, start,
     * follow its output to its end, finish with its exit code, and remove it in
     * any case. If the JVM dies in between, the shutdown hook or the next run
     * collects it by its labels.
     */
    public <T, X extends Exception> T run(ContainerSpec spec, Prepare prepare, Consumer<String> lines,
                                          Finish<T, X> finish) throws EngineException, IOException, X {
        String id = create(spec);
        try {
            prepare.before(id);
            return finish.after(id, startAndWait(id, lines));
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
        own.remove(id);
    }

    private static String shortId(String id) {
        return DockerEngine.shortId(id);
    }

    /** Removes every container of this run that is still there. */
    void removeOwn() {
        for (String id : List.copyOf(own)) {
            remove(id);
        }
    }
}
