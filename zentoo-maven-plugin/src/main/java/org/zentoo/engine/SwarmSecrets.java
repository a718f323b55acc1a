package org.zentoo.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.transport.DockerHttpClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/**
 * Swarm secrets of a run: created with the run's labels, removed after the
 * service that uses them, on Ctrl-C, or by the next run if this one is killed.
 * Their content goes to the daemon once, in the create request, and nowhere else.
 */
final class SwarmSecrets {

    private final DockerEngine engine;

    SwarmSecrets(DockerEngine engine) {
        this.engine = engine;
    }

    /**
     * Creates a Swarm secret through the daemon's API directly: docker-java's
     * SecretSpec.withData encodes the bytes of a String in the platform's charset,
     * which would change a binary key.
     */
    String create(String name, JobSecret secret, Map<String, String> labels) throws EngineException {
        ObjectMapper json = engine.config().getObjectMapper();
        try {
            byte[] body = json.writeValueAsBytes(Map.of("Name", name, "Labels", labels,
                    "Data", Base64.getEncoder().encodeToString(secret.content())));
            DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.POST).path("/secrets/create")
                    .putHeader("Content-Type", "application/json").body(new ByteArrayInputStream(body)).build();
            try (DockerHttpClient.Response response = engine.http().execute(request)) {
                JsonNode answer = json.readTree(response.getBody());
                if (response.getStatusCode() != 201 || !answer.hasNonNull("ID")) {
                    throw new EngineException("cannot create the Swarm " + secret + ": the daemon answered "
                            + response.getStatusCode() + " " + answer.path("message").asText() + "; the daemon at "
                            + engine.host() + " must be a Swarm manager");
                }
                String id = answer.get("ID").asText();
                engine.cleanupLater(() -> remove(id));
                return id;
            }
        } catch (IOException | RuntimeException e) {
            throw new EngineException("cannot create the Swarm " + secret + ": " + e.getMessage(), e);
        }
    }

    void remove(String id) {
        try {
            engine.client().removeSecretCmd(id).exec();
        } catch (NotFoundException e) {
            // gone already
        } catch (RuntimeException e) {
            // the next run collects it by its labels
        }
    }
}
