package org.zentoo.engine;

import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ReplicatedJobModeTest {

    @Test
    void dockerJavasJacksonWritesTheJobModeTheApiAsksFor() throws Exception {
        // The mapper docker-java writes request bodies with.
        var mapper = DefaultDockerClientConfig.createDefaultConfigBuilder().build().getObjectMapper();
        JsonNode mode = mapper.readTree(mapper.writeValueAsString(
                new ServiceSpec().withName("j").withMode(new ReplicatedJobMode()))).get("Mode");
        assertEquals(1, mode.size(), "one mode only: " + mode);
        assertEquals(1, mode.get("ReplicatedJob").get("MaxConcurrent").asInt(), mode.toString());
        assertEquals(1, mode.get("ReplicatedJob").get("TotalCompletions").asInt(), mode.toString());
        assertFalse(mode.has("Replicated") || mode.has("Global"), mode.toString());
    }
}
