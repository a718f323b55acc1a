package org.zentoo.step;

import org.zentoo.step.DirectoryTar;
import org.zentoo.step.StepFailedException;
import org.zentoo.step.StepRunner;
import org.zentoo.step.Volumes;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.Mount;
import org.zentoo.engine.RunIdentity;
import org.zentoo.seed.FetchOptions;
import org.zentoo.seed.SeedException;
import org.zentoo.seed.TarballSeed;
import org.zentoo.seed.TarballSeedFetcher;
import org.zentoo.seed.VerifiedSeed;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.zentoo.snapshot.Overlay;
import org.zentoo.snapshot.RepositorySnapshot;
import org.zentoo.engine.NamedVolumes;

/**
 * Makes sure the repository volume of a snapshot exists and is filled, once per
 * volume: a volume that holds the marker is used as it is, without fetching
 * anything. A tarball snapshot is verified before any container sees it, then
 * copied into a seed container that unpacks it into the volume.
 */
public final class SnapshotVolumes {

    /** Gentoo ebuild repository signing key, which signs the daily snapshots. */
    public static final String GENTOO_SNAPSHOT_KEY = "DCD05B71EAB94199527F44ACDB6B8C1F96D8BF6D";
    public static final URI DEFAULT_MIRROR = URI.create("https://distfiles.gentoo.org");

    private final StepRunner steps;
    private final Volumes volumes;
    private final TarballSeedFetcher fetcher;
    private final URI mirror;
    private final BiConsumer<String, String> console;
    /** Volumes made ready in this run, by SNAPSHOT and overlay sources: later machines skip even a tarball's check. */
    private final Map<String, String> ready = new ConcurrentHashMap<>();

    /**
     * @param fetcher made from {@link #fetchOptions()} plus the user's keyring and settings
     * @param mirror  the base URL whose {@code snapshots/} directory holds dated snapshots
     */
    public SnapshotVolumes(StepRunner steps, Volumes volumes, TarballSeedFetcher fetcher, URI mirror,
                           BiConsumer<String, String> console) {
        this.steps = steps;
        this.volumes = volumes;
        this.fetcher = fetcher;
        this.mirror = mirror;
        this.console = console;
    }

    /** Fetch settings for snapshots: {@code .gpgsig} signatures by the snapshot key, no DIGESTS, their own cache. */
    public static FetchOptions fetchOptions() {
        return new FetchOptions().kind("snapshot").signatureSuffix(".gpgsig").digestsRequired(false)
                .trustedFingerprints(Set.of(GENTOO_SNAPSHOT_KEY))
                .cacheDirectory(Path.of(System.getProperty("user.home"), ".m2", "zentoo", "snapshots"));
    }

    /**
     * @param overlays extra repositories from tarballs, see {@link Overlay#read}
     * @return the name of the filled volume to mount at /var/db/repos
     */
    public synchronized String ensure(String machine, RepositorySnapshot snapshot, List<Overlay> overlays,
                                      String seedImage, String seedId)
            throws EngineException, StepFailedException, SeedException, IOException {
        StringBuilder key = new StringBuilder(snapshot.fromSeed() ? "seed@" + seedId : snapshot.value());
        overlays.forEach(o -> key.append(' ').append(o.directory()).append('=').append(o.source().value()));
        String known = ready.get(key.toString());
        if (known != null) {
            return known;
        }
        // A dated or seed volume is known by name alone; a tarball's needs its digest, from a cached or local check.
        TarballSeed main = snapshot.fromSeed() ? null : snapshot.source(mirror);
        VerifiedSeed mainVerified = snapshot.tarball() == null ? null : fetch(machine, main);
        List<VerifiedSeed> extras = new ArrayList<>();
        for (Overlay overlay : overlays) {
            extras.add(fetch(machine, overlay.source()));
        }
        String volume = volumes.repos(new SnapshotInputs(snapshot, seedId, mainVerified, overlays, extras).volumeName());
        DockerEngine engine = steps.engine();
        if (engine.volumes().exists(volume) && filled(machine, seedImage, volume)) {
            console.accept(machine, "snapshot " + snapshot.value() + " already in volume " + volume);
        } else {
            if (main != null && mainVerified == null) {
                mainVerified = fetch(machine, main);
            }
            String inputs = new SnapshotInputs(snapshot, seedId, mainVerified, overlays, extras).label();
            Map<String, String> labels = new HashMap<>(engine.run().labels(machine));
            labels.put(RunIdentity.INPUTS, inputs);
            engine.volumes().ensure(volume, labels);
            console.accept(machine, "filling volume " + volume + " from snapshot " + snapshot.value()
                    + (overlays.isEmpty() ? "" : " and " + overlays.size() + " overlay tarball(s)"));
            fill(machine, seedImage, volume, snapshot, inputs, main, mainVerified, overlays, extras);
        }
        ready.put(key.toString(), volume);
        return volume;
    }

    /**
     * What a filled repository volume holds, as zentoo.lock records it: {@code sha512:…} of the
     * snapshot tarball, for {@code seed} the seed image id (its repositories come with it), and
     * with overlays the {@code sha256:…} over all of them; from the label the volume was made with.
     */
    public String digest(String volume) throws EngineException, SeedException {
        String label = steps.engine().volumes().labels(volume).get(RunIdentity.INPUTS);
        if (label == null) {
            throw new SeedException(SeedException.Problem.LOCKED_DIGEST_UNAVAILABLE, "repository volume " + volume
                    + " was made by an older Zentoo and does not say which snapshot it holds; remove it"
                    + " (docker volume rm " + volume + ") so that it is filled again");
        }
        return label.startsWith("seed:") ? label.substring("seed:".length()) : label;
    }

    private VerifiedSeed fetch(String machine, TarballSeed source) throws SeedException {
        console.accept(machine, "fetching and verifying snapshot " + source.value());
        return fetcher.fetch(source);
    }

    /**
     * Whether the volume holds a complete fill: the record the engine reads
     * through the API, so that an unchanged build starts no container for it. A
     * volume of an older Zentoo has no record; a look inside tells.
     */
    private boolean filled(String machine, String seedImage, String volume)
            throws EngineException, StepFailedException, IOException {
        NamedVolumes named = steps.engine().volumes();
        if (named.hasIdentity(volume)) {
            return named.isMarkedComplete(volume);
        }
        try {
            steps.run(machine, "snapshot-check", new ContainerSpec(seedImage)
                    .mount(Mount.volume(volume, FillScripts.FILL_PATH, true))
                    .script(FillScripts.probe()), line -> { });
            return true;
        } catch (StepFailedException e) {
            return false;
        }
    }

    /**
     * One container from the seed, with the verified tarballs copied in. The seed
     * form mounts the volume at /var/db/repos, so that Docker first copies the
     * seed's repositories into it; tarballs alone use a path the seed does not have.
     */
    private void fill(String machine, String seedImage, String volume, RepositorySnapshot snapshot, String inputs,
                      TarballSeed main, VerifiedSeed mainVerified, List<Overlay> overlays, List<VerifiedSeed> extras)
            throws EngineException, StepFailedException, IOException {
        DockerEngine engine = steps.engine();
        String root = snapshot.fromSeed() ? Volumes.REPOS_PATH : FillScripts.FILL_PATH;
        List<DirectoryTar.Tree> tarballs = new ArrayList<>();
        String mainPath = "";
        if (mainVerified != null) {
            String name = "zentoo-snapshot" + main.suffix();
            tarballs.add(new DirectoryTar.Tree(mainVerified.tarball(), name));
            mainPath = FillScripts.TARBALL_DIR + "/" + name;
        }
        StringBuilder overlayLines = new StringBuilder();
        for (int i = 0; i < overlays.size(); i++) {
            String name = "zentoo-overlay-" + i + overlays.get(i).source().suffix();
            tarballs.add(new DirectoryTar.Tree(extras.get(i).tarball(), name));
            overlayLines.append(FillScripts.TARBALL_DIR).append('/').append(name).append(' ')
                    .append(overlays.get(i).directory()).append('\n');
        }
        StepRunner.Step fill = steps.step(machine, "snapshot", new ContainerSpec(seedImage)
                .mount(Mount.volume(volume, root, false))
                .env("ZENTOO_ROOT", root)
                .env("ZENTOO_SNAPSHOT", snapshot.value())
                .env("ZENTOO_INPUTS", inputs)
                .env("ZENTOO_MAIN", mainPath)
                .env("ZENTOO_DEFAULT_NAME", snapshot.dated() ? "gentoo" : "")
                .env("ZENTOO_OVERLAYS", overlayLines.toString())
                .script(FillScripts.fill()));
        if (!tarballs.isEmpty()) {
            fill.copyIn(FillScripts.TARBALL_DIR, out -> DirectoryTar.write(tarballs, out));
        }
        fill.run((id, log) -> null);
        engine.volumes().markComplete(volume);
    }
}
