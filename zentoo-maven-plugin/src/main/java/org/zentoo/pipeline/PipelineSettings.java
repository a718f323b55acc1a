package org.zentoo.pipeline;

import org.zentoo.distcc.DistccOptions;
import org.zentoo.seed.FetchOptions;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Everything a {@link SitePipeline} is made from, as plain values: what the
 * plugin reads from its parameters, and nothing of Maven.
 *
 * @param site           the {@code org.zentoo.site} label; a run cleans up only its own site's leftovers
 * @param volumePrefix   names the shared volumes
 * @param outputDirectory target/zentoo
 * @param pluginVersion  part of every machine's inputs
 * @param offline        never pull an image (Maven's {@code -o})
 * @param seedFetch      how seed tarballs are fetched and verified
 * @param snapshotFetch  how snapshot tarballs are fetched and verified
 * @param snapshotMirror where dated snapshots come from
 * @param distcc         distcc workers for the compiling goals
 * @param sourceDateEpoch the site's output timestamp: SOURCE_DATE_EPOCH of build and kernel containers,
 *                       whose binpkgs then record it instead of the clock; {@code null} for none
 * @param binpkg         signing key and binhost ({@link BinpkgOptions#NONE} for neither)
 * @param console        where lines for people go
 */
public record PipelineSettings(String site, String volumePrefix, Path outputDirectory, String pluginVersion,
                               boolean offline, FetchOptions seedFetch, FetchOptions snapshotFetch,
                               URI snapshotMirror, DistccOptions distcc, Instant sourceDateEpoch,
                               BinpkgOptions binpkg, Console console) {

    /** Lines for people: a machine's lines carry its id, the site's do not. */
    public interface Console {
        void info(String machine, String line);

        void warn(String machine, String line);

        void info(String line);
    }
}
