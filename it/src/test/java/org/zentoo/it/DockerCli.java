package org.zentoo.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Asks the docker CLI, independently of Zentoo's engine, what the daemon holds,
 * so that tests check the engine's work from the outside.
 *
 * <p>An object is absent only when the daemon says so ("No such container: …" and
 * the like, for that very name). Any other error, or a CLI that does not answer in
 * time, fails the test: a check that something is gone must not pass because the
 * daemon could not be asked.
 */
final class DockerCli {

    private static final long TIMEOUT_SECONDS = 120;
    private static final String LABELS = "{{range $k, $v := %s}}{{$k}}={{$v}}\n{{end}}";

    /** The kinds of object the tests look at, with the label field and the daemon's words for "absent". */
    enum Kind {
        CONTAINER(".Config.Labels", "(Error: )?(Error response from daemon: )?No such (container|object): %s"),
        NETWORK(".Labels", "(Error: )?(Error response from daemon: )?(No such (network|object): %s|network %s not found)"),
        VOLUME(".Labels", "(Error: )?(Error response from daemon: )?(No such (volume|object): %s|get %s: no such volume)"),
        IMAGE(".Config.Labels", "(Error: )?(Error response from daemon: )?(no such image: %s: )?No such (image|object): %s");

        private final String labelField;
        private final String absent;

        Kind(String labelField, String absent) {
            this.labelField = labelField;
            this.absent = absent;
        }

        boolean saysAbsent(String name, String stderr) {
            String quoted = Pattern.quote(name);
            Pattern pattern = Pattern.compile(absent.replace("%s", quoted));
            return !stderr.isBlank() && stderr.lines().map(String::strip).filter(l -> !l.isEmpty())
                    .allMatch(l -> pattern.matcher(l).matches());
        }
    }

    private DockerCli() {
    }

    /** The labels of a container that must exist; fails the test if it does not or docker cannot say. */
    static Map<String, String> labels(String container) throws IOException, InterruptedException {
        return inspect(Kind.CONTAINER, container)
                .orElseThrow(() -> new AssertionError("container " + container + " does not exist"));
    }

    /** Whether a container exists; fails the test if docker cannot say. */
    static boolean exists(String container) throws IOException, InterruptedException {
        return inspect(Kind.CONTAINER, container).isPresent();
    }

    /**
     * The labels of {@code name}, or empty if the daemon says there is no such object;
     * any other failure of the CLI fails the test.
     */
    static Optional<Map<String, String>> inspect(Kind kind, String name) throws IOException, InterruptedException {
        Path out = Files.createTempFile("docker-inspect", ".out");
        Path err = Files.createTempFile("docker-inspect", ".err");
        try {
            List<String> command = List.of("docker", "inspect", "--type", kind.name().toLowerCase(),
                    "--format", LABELS.formatted(kind.labelField), name);
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not answer in " + TIMEOUT_SECONDS + " s");
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            if (p.exitValue() == 0) {
                return Optional.of(parseLabels(Files.readString(out, StandardCharsets.UTF_8)));
            }
            if (kind.saysAbsent(name, stderr)) {
                return Optional.empty();
            }
            throw new AssertionError(String.join(" ", command) + " failed (exit " + p.exitValue() + "), so whether "
                    + kind.name().toLowerCase() + " " + name + " exists is unknown:\n" + stderr);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs a docker command a test needs; fails the test unless it succeeds in time. */
    static void run(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("docker-run", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not answer in " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed with exit code " + p.exitValue()
                        + ": " + Files.readString(out, StandardCharsets.UTF_8).strip());
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * The lines a listing prints ({@code docker volume ls -q --filter …}, {@code docker ps -aq …}):
     * what a test asserts is gone. Any failure of the CLI fails the test; an empty list is
     * only ever the daemon's answer.
     */
    static List<String> list(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("docker-list", ".out");
        Path err = Files.createTempFile("docker-list", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not answer in " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + p.exitValue()
                        + "), so what it lists is unknown:\n" + Files.readString(err, StandardCharsets.UTF_8)
                        + "Check that the Docker daemon answers (docker info, DOCKER_HOST) and run the test again.");
            }
            return Files.readString(out, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * Runs a docker command that cleans up after a test, once its checks are done;
     * its outcome is no part of the test, so it is not checked. Bounded like every call here.
     */
    static void cleanUp(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Reads the key=value lines the inspect templates print. */
    static Map<String, String> parseLabels(String out) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                labels.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return labels;
    }
}
