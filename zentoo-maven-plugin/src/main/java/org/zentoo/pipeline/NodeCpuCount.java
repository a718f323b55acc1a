package org.zentoo.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Whether a machine's binpkgs depend on the CPU count of the node that builds them.
 * Without MAKEOPTS in make.conf, Portage derives GNUMAKEFLAGS ({@code --load-average N})
 * and the compressor's threads ({@code zstd -TN}) from the host's CPUs and saves both
 * in each package's environment.bz2, so Swarm nodes of other sizes make other bytes.
 */
final class NodeCpuCount {

    private static final Pattern MAKEOPTS = Pattern.compile("(?m)^\\s*(?:export\\s+)?MAKEOPTS=");

    private NodeCpuCount() {
    }

    /** The warning for a machine whose rendered root sets no MAKEOPTS; null when it sets one. */
    static String warning(Path rendered) throws IOException {
        Path makeConf = rendered.resolve("etc/portage/make.conf");
        if (Files.isRegularFile(makeConf)
                && MAKEOPTS.matcher(Files.readString(makeConf, StandardCharsets.UTF_8)).find()) {
            return null;
        }
        return "no set of this machine sets MAKEOPTS, so its binpkgs record the CPU count of the Swarm node that"
                + " builds them (Portage's default GNUMAKEFLAGS and zstd -T): nodes of other sizes build other bytes."
                + " Set MAKEOPTS in a set's make.conf (docs/reproducibility.md)";
    }
}
