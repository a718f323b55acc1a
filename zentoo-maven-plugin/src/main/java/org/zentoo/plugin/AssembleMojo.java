package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.archive.StageArchiver;

import java.nio.file.Path;
import java.util.List;

/**
 * Assembles each machine's stage3 from binpkgs alone (the store mounted
 * read-only), packs it reproducibly and attaches it with classifier
 * {@code stage3-<machine>}, plus its package list as {@code packages-<machine>}.
 */
@Mojo(name = "assemble", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class AssembleMojo extends AbstractArchiveMojo {

    /** Skips zentoo:assemble alone. */
    @Parameter(property = "zentoo.assemble.skip", defaultValue = "false")
    private boolean assembleSkip;

    @Override
    protected String goal() {
        return "assemble";
    }

    @Override
    protected String goalSkipReason() {
        return assembleSkip ? "zentoo.assemble.skip=true" : null;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        StageArchiver archiver = archiver();
        String extension = archiveFormat().extension();
        String type = archiveType();
        Path stages = outputDirectory.toPath().resolve("stages");
        packEachMachine((pipeline, job, partition) -> {
            Path stage = stages.resolve("stage3-" + job.classifierId() + extension);
            Path packages = stages.resolve("packages-" + job.classifierId() + ".txt");
            return new Packed(pipeline.assemble(job, partition, archiver, stage, packages), List.of(
                    new Attachment(type, "stage3-" + job.classifierId(), stage),
                    new Attachment("txt", "packages-" + job.classifierId(), packages)));
        });
    }
}
