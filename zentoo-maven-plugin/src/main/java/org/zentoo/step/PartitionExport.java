package org.zentoo.step;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.Mount;
import org.zentoo.engine.StreamPump;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies one binpkg partition out of the store volume (mounted read-only) into a
 * host directory: Portage's PKGDIR layout, as zentoo:binhost publishes it.
 */
public final class PartitionExport {

    private final StepRunner steps;
    private final Volumes volumes;

    public PartitionExport(StepRunner steps, Volumes volumes) {
        this.steps = steps;
        this.volumes = volumes;
    }

    /** The partition's regular files under {@code target} (which must be empty), for {@code job}'s partition. */
    public void export(MachineJob job, Path target) throws EngineException, StepFailedException, IOException {
        ContainerSpec spec = job.container(job.seedImage())
                .mount(Mount.volume(volumes.binpkgs(), Volumes.BINPKGS_PATH, true))
                .env("PKGDIR", job.pkgdir())
                .script("test -f \"$PKGDIR/Packages\" || { echo \"[zentoo] $PKGDIR has no Packages index\"; exit 3; };"
                        + " echo \"[zentoo] exporting $PKGDIR\"");
        steps.step(job.id(), "binhost", spec).run((id, log) -> {
            StreamPump.pipe("export of partition " + job.partition(),
                    out -> steps.engine().containers().copyOut(id, job.pkgdir() + "/.", out),
                    in -> extract(in, target));
            return null;
        });
    }

    private static void extract(InputStream in, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile()) {
                    continue;
                }
                // docker's copy names entries below the directory's own name ("./x" or "<dir>/x").
                String name = entry.getName();
                int slash = name.indexOf('/');
                String relative = slash < 0 ? name : name.substring(slash + 1);
                if (relative.isEmpty()) {
                    continue;
                }
                Path file = root.resolve(relative).normalize();
                if (!file.startsWith(root)) {
                    throw new IOException("refusing " + name + ": outside the partition");
                }
                Files.createDirectories(file.getParent());
                Files.copy(tar, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
