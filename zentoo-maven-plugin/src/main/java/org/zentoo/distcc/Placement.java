package org.zentoo.distcc;

import org.zentoo.engine.DockerEngine;
import org.zentoo.machine.Platform;

/**
 * What both kinds of worker pool start from: the engine, the name of the pool
 * (its network, and the prefix of its workers), the image the workers run (the
 * build's own, or a native image with a cross-compiler), and the machine they
 * work for (their label), with the platform the workers run as: the machine's,
 * or the host's for cross workers.
 */
record Placement(DockerEngine engine, String name, String image, String machine, Platform platform) {
}
