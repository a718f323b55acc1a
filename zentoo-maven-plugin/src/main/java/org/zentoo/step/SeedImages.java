package org.zentoo.step;

import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.ImageInfo;
import org.zentoo.engine.RunIdentity;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.zentoo.seed.ImageSeed;
import org.zentoo.seed.SeedException;
import org.zentoo.seed.SeedReference;
import org.zentoo.seed.TarballSeed;
import org.zentoo.seed.TarballSeedFetcher;
import org.zentoo.seed.VerifiedSeed;

/**
 * Turns a machine's SEED into an image on the local daemon. An image reference is
 * used as it is when present and pulled otherwise; a tarball is fetched, verified
 * and imported once, under a tag named by its SHA512.
 */
public final class SeedImages {

    public static final String SEED_REPOSITORY = "zentoo/seed";

    private final DockerEngine engine;
    private final TarballSeedFetcher fetcher;
    private final boolean offline;
    private final Map<String, ResolvedSeed> resolved = new ConcurrentHashMap<>();

    public SeedImages(DockerEngine engine, TarballSeedFetcher fetcher, boolean offline) {
        this.engine = engine;
        this.fetcher = fetcher;
        this.offline = offline;
    }

    /** Resolves each distinct SEED value once per run. */
    public ResolvedSeed resolve(String seedValue, Consumer<String> progress) throws SeedException, EngineException {
        ResolvedSeed known = resolved.get(seedValue);
        if (known != null) {
            return known;
        }
        SeedReference reference = SeedReference.parse(seedValue);
        ResolvedSeed seed = reference instanceof ImageSeed image
                ? image(image, progress)
                : tarball((TarballSeed) reference, progress);
        resolved.put(seedValue, seed);
        return seed;
    }

    private ResolvedSeed image(ImageSeed image, Consumer<String> progress) throws SeedException, EngineException {
        String ref = image.value();
        Optional<ImageInfo> local = engine.images().inspect(ref);
        if (local.isEmpty()) {
            if (offline) {
                throw new SeedException(SeedException.Problem.NOT_CACHED_OFFLINE, "seed image " + ref
                        + " is not on the Docker daemon at " + engine.host() + ", and Maven runs offline (-o),"
                        + " so it is not pulled. Pull or load it first, or build without -o.");
            }
            progress.accept("pulling seed image " + ref);
            engine.images().pull(ref, progress);
            local = engine.images().inspect(ref);
        }
        ImageInfo info = local.orElseThrow(() -> new EngineException("seed image " + ref + " is missing after pull"));
        return new ResolvedSeed(ref, info.id(), info.repoDigests().isEmpty() ? info.id() : info.repoDigests().get(0));
    }

    private ResolvedSeed tarball(TarballSeed tarball, Consumer<String> progress) throws SeedException, EngineException {
        progress.accept("fetching and verifying seed " + tarball.value());
        VerifiedSeed verified = fetcher.fetch(tarball);
        String tag = verified.sha512().substring(0, 32);
        String ref = SEED_REPOSITORY + ":" + tag;
        Optional<ImageInfo> local = engine.images().inspect(ref);
        if (local.isEmpty()) {
            progress.accept("importing seed " + verified.tarball().getFileName() + " as " + ref);
            engine.images().importImage(verified.tarball(), SEED_REPOSITORY, tag, Map.of(
                    RunIdentity.SITE, engine.run().site(),
                    RunIdentity.INPUTS, "sha512:" + verified.sha512(),
                    "org.zentoo.seed.source", verified.source()));
            local = engine.images().inspect(ref);
        }
        ImageInfo info = local.orElseThrow(() -> new EngineException("imported seed " + ref + " is missing"));
        return new ResolvedSeed(ref, info.id(), "sha512:" + verified.sha512());
    }

    /**
     * @param image  the local reference to create containers from
     * @param id     the image id
     * @param digest what pins the seed: a registry digest, or the tarball's SHA512
     */
    public record ResolvedSeed(String image, String id, String digest) {
    }
}
