package org.zentoo.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Asks the docker CLI, independently of Zentoo's engine, what the daemon holds,
 * so that tests check the engine's work from the outside.
 */
final class DockerCli {

    private DockerCli() {
    }

    /** The labels of a container, or an empty map when it does not exist. */
    static Map<String, String> labels(String container) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("docker", "inspect", "--format",
                "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}}\n{{end}}", container)
                .redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return Map.of();
        }
        return parseLabels(out);
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
