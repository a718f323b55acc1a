package org.zentoo.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The named volumes the steps share (binpkgs, distfiles, repository
 * snapshots): made once with their labels, looked up by name.
 */
public final class NamedVolumes {

    /**
     * Set once, when a volume is made: a volume removed and made again under the
     * same name has another value, so a record about the old one never passes
     * for the new one.
     */
    public static final String IDENTITY_LABEL = "org.zentoo.volume";
    /** On a completion record: the identity of the volume it speaks for. */
    static final String COMPLETE_LABEL = "org.zentoo.complete";
    /** The completion record of volume NAME is the empty volume NAME.complete. */
    static final String COMPLETE_SUFFIX = ".complete";

    private final DockerClient docker;

    NamedVolumes(DockerEngine engine) {
        this.docker = engine.client();
    }

    /** Creates a shared volume once, with its labels and an identity; an existing one is used as it is. */
    public void ensure(String name, Map<String, String> labels) throws EngineException {
        try {
            docker.inspectVolumeCmd(name).exec();
        } catch (NotFoundException e) {
            try {
                Map<String, String> all = new HashMap<>(labels);
                all.putIfAbsent(IDENTITY_LABEL, UUID.randomUUID().toString());
                docker.createVolumeCmd().withName(name).withLabels(all).exec();
            } catch (DockerException ce) {
                throw new EngineException("cannot create volume " + name + ": " + ce.getMessage(), ce);
            }
        } catch (DockerException e) {
            throw new EngineException("cannot inspect volume " + name + ": " + e.getMessage(), e);
        }
    }

    /** The labels a volume was created with; empty when there is no such volume. */
    public Map<String, String> labels(String name) throws EngineException {
        try {
            Map<String, String> labels = docker.inspectVolumeCmd(name).exec().getLabels();
            return labels == null ? Map.of() : labels;
        } catch (NotFoundException e) {
            return Map.of();
        } catch (DockerException e) {
            throw new EngineException("cannot inspect volume " + name + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(String name) throws EngineException {
        try {
            docker.inspectVolumeCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (DockerException e) {
            throw new EngineException("cannot inspect volume " + name + ": " + e.getMessage(), e);
        }
    }

    public void remove(String name) throws EngineException {
        try {
            docker.removeVolumeCmd(name).exec();
        } catch (NotFoundException e) {
            // already gone: nothing to do
        } catch (DockerException e) {
            throw new EngineException("cannot remove volume " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records, through the API alone, that the volume's content is complete
     * (Docker cannot change a volume's labels once it is made, so the record is a
     * second, empty volume labelled with the first one's identity). A stale record
     * of an earlier volume of that name is replaced.
     */
    public void markComplete(String name) throws EngineException {
        String identity = labels(name).get(IDENTITY_LABEL);
        if (identity == null) {
            return;
        }
        String record = name + COMPLETE_SUFFIX;
        Map<String, String> recorded = labels(record);
        if (identity.equals(recorded.get(COMPLETE_LABEL))) {
            return;
        }
        if (!recorded.isEmpty()) {
            remove(record);
        }
        ensure(record, Map.of(COMPLETE_LABEL, identity));
    }

    /**
     * True when {@link #markComplete} was called for this very volume; false for
     * a missing volume, one made again since, or one made before identities were.
     */
    public boolean isMarkedComplete(String name) throws EngineException {
        String identity = labels(name).get(IDENTITY_LABEL);
        return identity != null && identity.equals(labels(name + COMPLETE_SUFFIX).get(COMPLETE_LABEL));
    }

    /** Whether the volume was made before volumes had an identity: only a look inside can tell what it holds. */
    public boolean hasIdentity(String name) throws EngineException {
        return labels(name).containsKey(IDENTITY_LABEL);
    }
}
