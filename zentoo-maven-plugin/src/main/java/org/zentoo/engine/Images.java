package org.zentoo.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.transport.DockerHttpClient;

import org.zentoo.machine.Platform;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The images of the daemon: seeds looked up, pulled and imported, derived
 * images committed and pushed.
 */
public final class Images {

    private final DockerEngine engine;
    private final DockerClient docker;

    Images(DockerEngine engine) {
        this.engine = engine;
        this.docker = engine.client();
    }

    /** The image's id, or empty when the local daemon does not have it. */
    public Optional<ImageInfo> inspect(String reference) throws EngineException {
        try {
            InspectImageResponse image = docker.inspectImageCmd(reference).exec();
            Map<String, String> labels = image.getConfig() == null || image.getConfig().getLabels() == null
                    ? Map.of() : image.getConfig().getLabels();
            List<String> digests = image.getRepoDigests() == null ? List.of() : image.getRepoDigests();
            return Optional.of(new ImageInfo(image.getId(), digests, labels,
                    Platform.ofImage(image.getOs(), image.getArch(), "")));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (DockerException e) {
            throw new EngineException("cannot inspect image " + reference + ": " + e.getMessage(), e);
        }
    }

    /** Pulls with the credentials of ~/.docker/config.json, reporting progress lines. */
    public void pull(String reference, Consumer<String> progress) throws EngineException, PullFailedException {
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
            throw new PullFailedException(reference, engine.host(), PullFailedException.oneLine(failure.getMessage()),
                    failure);
        }
    }

    /** Every {@code repository:tag} the daemon holds, to suggest one when a name is mistyped. */
    public List<String> tags() throws EngineException {
        try {
            return docker.listImagesCmd().exec().stream()
                    .flatMap(image -> image.getRepoTags() == null ? java.util.stream.Stream.<String>empty()
                            : java.util.Arrays.stream(image.getRepoTags()))
                    .filter(tag -> !tag.startsWith("<none>")).sorted().distinct().toList();
        } catch (DockerException e) {
            throw new EngineException("cannot list images: " + e.getMessage(), e);
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
                    .withAuthConfig(engine.config().effectiveAuthConfig(repository)).exec(callback));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("push of " + repository + ":" + tag + " interrupted", e);
        } catch (DockerException e) {
            failure = e;
        }
        if (failure != null) {
            throw new EngineException("cannot push " + image + " to " + repository + ":" + tag + " (the daemon at "
                    + engine.host() + " said: " + failure.getMessage() + "). Check that the registry answers and"
                    + " its credentials in ~/.docker/config.json.", failure);
        }
        return inspect(repository + ":" + tag).flatMap(info -> info.repoDigests().stream()
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
        try (InputStream body = Files.newInputStream(tarball)) {
            return importImage(body, tarball.toString(), repository, tag, labels);
        } catch (IOException e) {
            throw new EngineException("docker import of " + tarball + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Imports a stage (an uncompressed tar stream: the daemon of Docker 20.10 cannot
     * unpack zstd) as an image this run owns: it carries the run's labels, so that
     * the next run collects it if this one is killed, and it is removed when the
     * run ends, also on Ctrl-C, unless {@link #remove} removed it first.
     */
    public String importOwned(InputStream tar, String what, String repository, String tag, String machine,
                              Map<String, String> labels) throws EngineException {
        Map<String, String> all = new java.util.HashMap<>(labels);
        all.putAll(engine.run().labels(machine));
        String reference = repository + ":" + tag;
        engine.cleanupLater(() -> removeQuietly(reference));
        return importImage(tar, what, repository, tag, all);
    }

    /** Removes an image and what only it used; one that is gone already is no error. */
    public void remove(String reference) throws EngineException {
        try {
            docker.removeImageCmd(reference).withForce(true).exec();
        } catch (NotFoundException e) {
            // gone already
        } catch (DockerException e) {
            throw new EngineException("cannot remove image " + reference + ": " + e.getMessage(), e);
        }
    }

    private void removeQuietly(String reference) {
        try {
            remove(reference);
        } catch (EngineException | RuntimeException e) {
            // the next run collects it by its labels
        }
    }

    /** Images of this site that a killed run owned (an imported stage under test): removed. */
    List<String> collectLeftovers() throws EngineException {
        List<String> removed = new java.util.ArrayList<>();
        try {
            for (com.github.dockerjava.api.model.Image image : docker.listImagesCmd()
                    .withLabelFilter(Map.of(RunIdentity.SITE, engine.run().site())).exec()) {
                Map<String, String> labels = image.getLabels() == null ? Map.of() : image.getLabels();
                if (engine.run().leftBehind(labels)) {
                    remove(image.getId());
                    removed.add(labels.getOrDefault(RunIdentity.MACHINE, "?") + "/image " + shortId(image.getId()));
                }
            }
        } catch (DockerException e) {
            throw new EngineException("cannot list images: " + e.getMessage(), e);
        }
        return removed;
    }

    private String importImage(InputStream body, String what, String repository, String tag,
                               Map<String, String> labels) throws EngineException {
        StringBuilder path = new StringBuilder("/images/create?fromSrc=-&repo=")
                .append(encode(repository)).append("&tag=").append(encode(tag));
        labels.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(label ->
                path.append("&changes=").append(encode("LABEL " + label.getKey() + "=" + label.getValue())));
        try {
            DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.POST)
                    .path(path.toString())
                    .putHeader("Content-Type", "application/x-tar")
                    .body(body)
                    .build();
            try (DockerHttpClient.Response response = engine.http().execute(request)) {
                String answer = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                if (response.getStatusCode() != 200 || answer.contains("\"error\"")) {
                    throw new EngineException("docker import of " + what + " failed: " + answer.strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new EngineException("docker import of " + what + " failed: " + e.getMessage(), e);
        }
        return inspect(repository + ":" + tag)
                .orElseThrow(() -> new EngineException("imported image " + repository + ":" + tag + " is missing"))
                .id();
    }

    private static String shortId(String id) {
        return DockerEngine.shortId(id);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
