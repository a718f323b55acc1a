package org.zentoo.engine;

import org.zentoo.machine.Platform;

import java.util.List;
import java.util.Map;

/**
 * What Zentoo needs to know of a local image.
 *
 * @param configPlatform the platform the image's config says (Os, Architecture): amd64 for every
 *                       root Docker 20.10 imported, whatever its binaries are
 */
public record ImageInfo(String id, List<String> repoDigests, Map<String, String> labels, Platform configPlatform) {

    /**
     * The image's platform: its {@link Platform#LABEL} when an importer recorded one,
     * else what its config says.
     *
     * @throws IllegalArgumentException when the label is not a platform
     */
    public Platform platform() {
        String label = labels.get(Platform.LABEL);
        return label == null || label.isBlank() ? configPlatform : Platform.parse(label);
    }
}
