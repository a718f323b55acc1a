package org.zentoo.step;

import org.zentoo.engine.ContainerSpec;
import org.zentoo.machine.Platform;

import java.nio.file.Path;
import java.util.List;

/**
 * One machine as the container steps see it: its rendered root overlay
 * (etc/portage, etc/kernel, var/lib/portage/world_sets), the image it starts
 * from, and what the stage gets on top of the packages.
 *
 * @param id        machine id, e.g. {@code web01} or {@code zentoo/minimal}
 * @param classifierId the id as it appears in classifiers ({@code zentoo-minimal})
 * @param rendered  the rendered root overlay of the machine
 * @param seedImage a local image reference to start containers from
 * @param seedDigest what pins the seed: registry digest, image id or tarball SHA512
 * @param reposVolume the repository snapshot volume
 * @param overlay   files copied into the assembled root, or null
 * @param services  init services to enable: {@code NAME [RUNLEVEL]} lines
 * @param kernel    the KERNEL package, or empty
 * @param inputs    hash of everything the container steps depend on ({@link MachineInputs})
 * @param partition the binpkg partition (see {@code PartitionKey}), or null until it is known
 * @param platform  the seed's platform, which every container of the machine is created with
 */
public record MachineJob(String id, String classifierId, Path rendered, String seedImage, String seedDigest,
                         String reposVolume,
                         Path overlay, List<String> services, String kernel, String inputs, String partition,
                         Platform platform) {

    /** A job of the host's usual platform, linux/amd64. */
    public MachineJob(String id, String classifierId, Path rendered, String seedImage, String seedDigest,
                      String reposVolume, Path overlay, List<String> services, String kernel, String inputs,
                      String partition) {
        this(id, classifierId, rendered, seedImage, seedDigest, reposVolume, overlay, services, kernel, inputs,
                partition, Platform.AMD64);
    }

    /** A container of this machine from {@code image}: its label, log prefix and platform. */
    public ContainerSpec container(String image) {
        return new ContainerSpec(image).machine(id).platform(platform);
    }

    /** The same machine, its containers started from {@code image} (the seed with something added). */
    public MachineJob startingFrom(String image) {
        return new MachineJob(id, classifierId, rendered, image, seedDigest, reposVolume, overlay, services, kernel,
                inputs, partition, platform);
    }

    /** The same machine, its binpkgs in {@code partitionId}. */
    public MachineJob inPartition(String partitionId) {
        return new MachineJob(id, classifierId, rendered, seedImage, seedDigest, reposVolume, overlay, services,
                kernel, inputs, partitionId, platform);
    }

    /** PKGDIR of the machine's partition, inside the binpkg store. */
    public String pkgdir() {
        if (partition == null) {
            throw new IllegalStateException("the binpkg partition of " + id + " is not known yet");
        }
        return Volumes.pkgdir(partition);
    }

    /** Whether the machine has a KERNEL to build. */
    public boolean hasKernel() {
        return kernel != null && !kernel.isBlank();
    }

    public Path portageConfig() {
        return rendered.resolve("etc/portage");
    }

    public Path kernelConfig() {
        return rendered.resolve("etc/kernel");
    }

    public Path worldSets() {
        return rendered.resolve("var/lib/portage/world_sets");
    }
}
