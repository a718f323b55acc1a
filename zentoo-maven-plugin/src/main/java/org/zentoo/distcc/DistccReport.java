package org.zentoo.distcc;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the compile jobs of one build ran, as distcc's client log tells it.
 *
 * @param remote       completed compile jobs per worker host
 * @param local        compile jobs that ran in the build container
 * @param failedRemote attempts per worker host that failed and ran elsewhere
 */
public record DistccReport(Map<String, Integer> remote, int local, Map<String, Integer> failedRemote) {

    public int remoteTotal() {
        return remote.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** "41 compile jobs remote (w1 21, w2 20), 0 local". */
    public String summary() {
        return summary(java.util.function.UnaryOperator.identity());
    }

    /** The summary with each worker host shortened for a table. */
    public String summary(java.util.function.UnaryOperator<String> shortName) {
        String per = remote.entrySet().stream().map(e -> shortName.apply(e.getKey()) + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return "distcc: " + remoteTotal() + " compile jobs remote" + (per.isEmpty() ? "" : " (" + per + ")")
                + ", " + local + " local";
    }
}
