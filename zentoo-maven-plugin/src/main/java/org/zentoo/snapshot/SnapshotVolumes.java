package org.zentoo.snapshot;

import org.zentoo.build.DirectoryTar;
import org.zentoo.build.StepFailedException;
import org.zentoo.build.StepRunner;
import org.zentoo.build.Volumes;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.Mount;
import org.zentoo.engine.RunIdentity;
import org.zentoo.engine.StreamPump;
import org.zentoo.seed.FetchOptions;
import org.zentoo.seed.SeedException;
import org.zentoo.seed.TarballSeed;
import org.zentoo.seed.TarballSeedFetcher;
import org.zentoo.seed.VerifiedSeed;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

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
    /** Volumes made ready in this run: by SNAPSHOT value, so that later machines skip even the check of a tarball; seed ones by volume. */
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

    /** @return the name of the filled volume to mount at /var/db/repos */
    public synchronized String ensure(String machine, RepositorySnapshot snapshot, String seedImage, String seedId)
            throws EngineException, StepFailedException, SeedException, IOException {
        if (snapshot.fromSeed()) {
            return ensureFromSeed(machine, snapshot, seedImage, seedId);
        }
        String known = ready.get(snapshot.value());
        if (known != null) {
            return known;
        }
        // A dated volume is known by name alone; a tarball's name needs its digest, which a cached or local check gives.
        TarballSeed source = snapshot.source(mirror);
        VerifiedSeed verified = snapshot.dated() ? null : fetch(machine, source);
        String volume = volumes.repos(snapshot.name(seedId, verified == null ? null : verified.sha512()));
        DockerEngine engine = steps.engine();
        if (engine.volumeExists(volume) && filled(machine, seedImage, volume)) {
            console.accept(machine, "snapshot " + snapshot.value() + " already in volume " + volume);
        } else {
            if (verified == null) {
                verified = fetch(machine, source);
            }
            Map<String, String> labels = new HashMap<>(engine.run().labels(machine));
            labels.put(RunIdentity.INPUTS, "sha512:" + verified.sha512());
            engine.ensureVolume(volume, labels);
            console.accept(machine, "filling volume " + volume + " from snapshot " + snapshot.value());
            fill(machine, seedImage, volume, snapshot, source.suffix(), verified);
        }
        ready.put(snapshot.value(), volume);
        return volume;
    }

    private String ensureFromSeed(String machine, RepositorySnapshot snapshot, String seedImage, String seedId)
            throws EngineException, StepFailedException, IOException {
        String volume = volumes.repos(snapshot.name(seedId, null));
        if (!ready.containsKey(volume)) {
            steps.engine().ensureVolume(volume, steps.engine().run().labels(machine));
            steps.run(machine, "snapshot", new ContainerSpec(seedImage)
                    .mount(Mount.volume(volume, Volumes.REPOS_PATH, false))
                    .env("ZENTOO_SNAPSHOT", snapshot.value())
                    .script(FillScripts.fromSeed()), line -> { });
            ready.put(volume, snapshot.value());
        }
        return volume;
    }

    private VerifiedSeed fetch(String machine, TarballSeed source) throws SeedException {
        console.accept(machine, "fetching and verifying snapshot " + source.value());
        return fetcher.fetch(source);
    }

    private boolean filled(String machine, String seedImage, String volume) throws EngineException {
        return steps.engine().run(new ContainerSpec(seedImage).machine(machine)
                .mount(Mount.volume(volume, FillScripts.FILL_PATH, true))
                .script(FillScripts.probe()), line -> { }) == 0;
    }

    /** @param suffix the tarball's compression suffix, kept so that tar in the container picks the decompressor */
    private void fill(String machine, String seedImage, String volume, RepositorySnapshot snapshot, String suffix,
                      VerifiedSeed verified) throws EngineException, StepFailedException, IOException {
        DockerEngine engine = steps.engine();
        String inContainer = "zentoo-snapshot" + suffix;
        String id = engine.create(new ContainerSpec(seedImage).machine(machine)
                .mount(Mount.volume(volume, FillScripts.FILL_PATH, false))
                .env("ZENTOO_SNAPSHOT", snapshot.value())
                .env("ZENTOO_SHA512", verified.sha512())
                .env("ZENTOO_TARBALL", FillScripts.TARBALL_DIR + "/" + inContainer)
                .env("ZENTOO_DEFAULT_NAME", snapshot.dated() ? "gentoo" : "")
                .script(FillScripts.fromTarball()));
        try {
            StreamPump.pipe("snapshot " + snapshot.value(),
                    out -> DirectoryTar.write(List.of(new DirectoryTar.Tree(verified.tarball(), inContainer)), out),
                    in -> copyIn(engine, id, in));
            steps.runCreated(machine, "snapshot", id, line -> { });
        } finally {
            engine.remove(id);
        }
    }

    private static void copyIn(DockerEngine engine, String id, java.io.InputStream tar) throws IOException {
        try {
            engine.copyIn(id, FillScripts.TARBALL_DIR, tar);
        } catch (EngineException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
