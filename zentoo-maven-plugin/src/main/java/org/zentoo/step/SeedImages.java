package org.zentoo.step;

import org.zentoo.config.Spelling;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.ImageInfo;
import org.zentoo.engine.PullFailedException;
import org.zentoo.engine.RunIdentity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.zentoo.seed.ImageSeed;
import org.zentoo.seed.SeedException;
import org.zentoo.seed.SeedReference;
import org.zentoo.seed.TarballSeed;
import org.zentoo.seed.TarballSeedFetcher;
import org.zentoo.seed.TarballPlatform;
import org.zentoo.machine.Platform;
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

    /**
     * Resolves a SEED that zentoo.lock pins to {@code locked} (a {@link ResolvedSeed#lockDigest()}):
     * the image with that digest, never another. When the tag still names it, the result is what
     * {@link #resolve} gives (so the stage records the same reference); when the tag moved, that is
     * logged and the locked image is used by its id or {@code repository@digest}, pulled by digest
     * if it is not here. A tarball seed is taken from the image imported under the locked SHA512,
     * or fetched and checked against it.
     */
    public ResolvedSeed resolveLocked(String seedValue, String locked, Consumer<String> progress)
            throws SeedException, EngineException {
        String key = seedValue + " " + locked;
        ResolvedSeed known = resolved.get(key);
        if (known != null) {
            return known;
        }
        SeedReference reference = SeedReference.parse(seedValue);
        ResolvedSeed seed = reference instanceof ImageSeed image
                ? lockedImage(image, locked, progress)
                : lockedTarball((TarballSeed) reference, locked, progress);
        resolved.put(key, seed);
        return seed;
    }

    private ResolvedSeed lockedImage(ImageSeed image, String locked, Consumer<String> progress)
            throws SeedException, EngineException {
        String ref = image.value();
        Optional<ImageInfo> tagged = engine.images().inspect(ref);
        if (tagged.isPresent() && of(ref, tagged.get()).lockDigest().equals(locked)) {
            return of(ref, tagged.get());
        }
        String byDigest = image.repositoryName() + "@" + locked;
        String found = null;
        Optional<ImageInfo> pinned = engine.images().inspect(locked);
        if (pinned.isPresent() && pinned.get().id().equals(locked)) {
            found = locked;
        } else {
            pinned = engine.images().inspect(byDigest);
            if (pinned.isEmpty() && !offline) {
                progress.accept("pulling the locked seed " + byDigest);
                try {
                    engine.images().pull(byDigest, progress);
                } catch (EngineException e) {
                    progress.accept("cannot pull " + byDigest + ": " + e.getMessage());
                }
                pinned = engine.images().inspect(byDigest);
            }
            if (pinned.isPresent()) {
                found = byDigest;
            }
        }
        if (found == null) {
            throw new SeedException(SeedException.Problem.LOCKED_DIGEST_UNAVAILABLE, "seed " + ref + " is locked to "
                    + locked + " (zentoo.lock), which is not on the Docker daemon at " + engine.host()
                    + (offline ? " and is not pulled offline (-o)" : " and cannot be pulled by digest as " + byDigest)
                    + ". A locked seed is never replaced by another image: load that image, or move the lock"
                    + " forward with mvn zentoo:lock -Dzentoo.lock.update");
        }
        if (tagged.isPresent()) {
            progress.accept("seed tag " + ref + " moved: it now resolves to " + of(ref, tagged.get()).lockDigest()
                    + "; the locked " + locked + " is used (zentoo.lock). Move the lock with mvn zentoo:lock"
                    + " -Dzentoo.lock.update");
        } else {
            progress.accept("seed tag " + ref + " is not on the daemon; the locked " + locked + " is used");
        }
        return new ResolvedSeed(found, pinned.get().id(), found.equals(locked) ? locked : byDigest,
                platform(ref, pinned.get()));
    }

    private ResolvedSeed lockedTarball(TarballSeed tarball, String locked, Consumer<String> progress)
            throws SeedException, EngineException {
        if (locked.startsWith("sha512:")) {
            String ref = SEED_REPOSITORY + ":" + locked.substring("sha512:".length(), "sha512:".length() + 32);
            Optional<ImageInfo> local = engine.images().inspect(ref);
            if (local.isPresent() && locked.equals(local.get().labels().get(RunIdentity.INPUTS))) {
                return new ResolvedSeed(ref, local.get().id(), locked, platform(ref, local.get()));
            }
        }
        ResolvedSeed fetched = tarball(tarball, progress);
        if (!fetched.digest().equals(locked)) {
            throw new SeedException(SeedException.Problem.LOCKED_DIGEST_UNAVAILABLE, "seed " + tarball.value()
                    + " is locked to " + locked + " (zentoo.lock), but it now gives a tarball with " + fetched.digest()
                    + ". A locked seed is never replaced by another tarball: move the lock forward with"
                    + " mvn zentoo:lock -Dzentoo.lock.update");
        }
        return fetched;
    }

    private static ResolvedSeed of(String ref, ImageInfo info) throws SeedException {
        return new ResolvedSeed(ref, info.id(), info.repoDigests().isEmpty() ? info.id() : info.repoDigests().get(0),
                platform(ref, info));
    }

    /** The image's platform: its {@link Platform#LABEL}, else its config's. */
    private static Platform platform(String ref, ImageInfo info) throws SeedException {
        try {
            return info.platform();
        } catch (IllegalArgumentException e) {
            throw new SeedException(SeedException.Problem.PLATFORM, "seed image " + ref + " has the label "
                    + Platform.LABEL + "=\"" + info.labels().get(Platform.LABEL) + "\", which " + e.getMessage()
                    .replaceFirst("^\"[^\"]*\" ", "") + "; fix the label where the image is imported");
        }
    }

    private ResolvedSeed image(ImageSeed image, Consumer<String> progress) throws SeedException, EngineException {
        String ref = image.value();
        Optional<ImageInfo> local = engine.images().inspect(ref);
        if (local.isEmpty()) {
            if (offline) {
                Optional<String> meant = meant(ref);
                throw new SeedException(SeedException.Problem.NOT_CACHED_OFFLINE, "image " + ref
                        + " is not on the local daemon (" + engine.host() + "), and Maven runs offline (-o), so it is"
                        + " not pulled. " + meant.map(SeedImages::closest).orElse("Pull or load it first, or build"
                        + " without -o."));
            }
            progress.accept("pulling seed image " + ref);
            try {
                engine.images().pull(ref, progress);
            } catch (PullFailedException e) {
                throw notPulled(ref, e);
            }
            local = engine.images().inspect(ref);
        }
        ImageInfo info = local.orElseThrow(() -> new EngineException("seed image " + ref + " is missing after pull"));
        return of(ref, info);
    }

    /**
     * Says that the image is not here, apart from why it could not be fetched, and
     * names the local image it most likely meant: a typo in a local test image's name
     * otherwise reads as a network problem.
     */
    private SeedException notPulled(String ref, PullFailedException e) throws EngineException {
        Optional<String> meant = meant(ref);
        String why = e.unreachable()
                ? "the registry could not be reached to pull it (" + e.daemonSays() + ")"
                : "the registry did not give it (" + e.daemonSays() + ")";
        String fix = meant.map(SeedImages::closest)
                .orElse(e.unreachable() ? "Check the network and the registry's credentials in ~/.docker/config.json,"
                        + " or load the image into the daemon first (docker load), or use a stage3 tarball as SEED."
                        : "Check the name and tag, and the registry's credentials in ~/.docker/config.json, or load"
                        + " the image into the daemon first (docker load).");
        SeedException.Problem problem = e.unreachable() && meant.isEmpty()
                ? SeedException.Problem.REGISTRY_UNREACHABLE : SeedException.Problem.IMAGE_NOT_FOUND;
        // Without the pull failure as cause: Maven would append its own advice to this one.
        return new SeedException(problem, "image " + ref + " is not on the local daemon (" + engine.host() + "), and "
                + why + ". " + fix);
    }

    private static String closest(String image) {
        return "The closest local image is " + image + ": if you meant it, correct the SEED line; otherwise load the"
                + " image into the daemon first (docker load or docker pull).";
    }

    /**
     * The local image a missing reference most likely meant: the closest tag, compared
     * as written and then without its registry (an image tagged for a registry it was
     * never pushed to).
     */
    private Optional<String> meant(String ref) throws EngineException {
        List<String> tags = engine.images().tags();
        Optional<String> closest = Spelling.closest(ref, tags);
        int slash = ref.indexOf('/');
        String first = slash < 0 ? "" : ref.substring(0, slash);
        if (closest.isEmpty() && (first.contains(".") || first.contains(":") || first.equals("localhost"))) {
            closest = Spelling.closest(ref.substring(slash + 1), tags);
        }
        return closest;
    }

    private ResolvedSeed tarball(TarballSeed tarball, Consumer<String> progress) throws SeedException, EngineException {
        progress.accept("fetching and verifying seed " + tarball.value());
        VerifiedSeed verified = fetcher.fetch(tarball);
        String tag = verified.sha512().substring(0, 32);
        String ref = SEED_REPOSITORY + ":" + tag;
        Optional<ImageInfo> local = engine.images().inspect(ref);
        if (local.isEmpty()) {
            // Docker 20.10 records every import as amd64 (its --platform needs experimental mode): the label says.
            Platform platform = TarballPlatform.of(verified.tarball(), tarball.fileName(), tarball.value());
            progress.accept("importing seed " + verified.tarball().getFileName() + " (" + platform + ") as " + ref);
            engine.images().importImage(verified.tarball(), SEED_REPOSITORY, tag, Map.of(
                    RunIdentity.SITE, engine.run().site(),
                    RunIdentity.INPUTS, "sha512:" + verified.sha512(),
                    "org.zentoo.seed.source", verified.source(),
                    Platform.LABEL, platform.toString()));
            local = engine.images().inspect(ref);
        }
        ImageInfo info = local.orElseThrow(() -> new EngineException("imported seed " + ref + " is missing"));
        return new ResolvedSeed(ref, info.id(), "sha512:" + verified.sha512(), platform(ref, info));
    }

    /**
     * @param image  the local reference to create containers from
     * @param id     the image id
     * @param digest what pins the seed: a registry digest, or the tarball's SHA512
     * @param platform the platform of its binaries
     */
    public record ResolvedSeed(String image, String id, String digest, Platform platform) {

        /** The digest as zentoo.lock holds it: {@code sha256:…} or {@code sha512:…}, without a repository. */
        public String lockDigest() {
            return digest.substring(digest.indexOf('@') + 1);
        }
    }
}
