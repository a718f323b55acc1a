package org.zentoo.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.ServiceModeConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Swarm's {@code replicated-job} mode (API 1.41): one task, run once to its end.
 * docker-java 3.7.1 knows only Replicated and Global, so this adds the field its
 * Jackson writes into the service spec as {@code "Mode": {"ReplicatedJob": ...}},
 * and leaves out the other modes' empty fields, so the mode says one thing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
final class ReplicatedJobMode extends ServiceModeConfig {

    private static final long serialVersionUID = 1L;

    @JsonProperty("ReplicatedJob")
    private final Map<String, Long> replicatedJob = new LinkedHashMap<>(Map.of("MaxConcurrent", 1L,
            "TotalCompletions", 1L));

    Map<String, Long> replicatedJob() {
        return Map.copyOf(replicatedJob);
    }
}
