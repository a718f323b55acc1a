package org.zentoo.engine;

import java.util.List;
import java.util.Map;

/** What Zentoo needs to know of a local image. */
public record ImageInfo(String id, List<String> repoDigests, Map<String, String> labels) {
}
