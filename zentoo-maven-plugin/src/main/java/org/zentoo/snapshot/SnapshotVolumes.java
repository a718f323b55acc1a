package org.zentoo.snapshot;

import org.zentoo.build.StepFailedException;
import org.zentoo.build.StepRunner;
import org.zentoo.build.Volumes;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.Mount;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes sure the repository volume of a snapshot exists and is filled. Filling
 * happens once per volume: a later run finds the marker and leaves it as it is.
 * A new volume mounted over /var/db/repos starts with what the seed image has
 * there (Docker copies it in), which is how {@code SNAPSHOT=seed} works.
 */
public final class SnapshotVolumes {

    private final StepRunner steps;
    private final Volumes volumes;
    private final Map<String, String> ready = new ConcurrentHashMap<>();

    public SnapshotVolumes(StepRunner steps, Volumes volumes) {
        this.steps = steps;
        this.volumes = volumes;
    }

    public synchronized String ensure(String machine, RepositorySnapshot snapshot, String seedImage, String seedId)
            throws EngineException, StepFailedException, IOException {
        String volume = volumes.repos(snapshot.name(seedId));
        if (ready.containsKey(volume)) {
            return volume;
        }
        steps.engine().ensureVolume(volume, steps.engine().run().labels(machine));
        steps.run(machine, "snapshot", new ContainerSpec(seedImage)
                .mount(Mount.volume(volume, Volumes.REPOS_PATH, false))
                .script(snapshot.populateScript()), line -> { });
        ready.put(volume, snapshot.value());
        return volume;
    }
}
