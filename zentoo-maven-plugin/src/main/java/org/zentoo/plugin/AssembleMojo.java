package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.zentoo.archive.ArchiveFormat;
import org.zentoo.archive.StageArchiver;
import org.zentoo.build.MachineJob;
import org.zentoo.build.Outcome;
import org.zentoo.machine.Machine;

import java.nio.file.Path;
import java.util.ArrayList;
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

    @Component
    private MavenProjectHelper projectHelper;

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
        ArchiveFormat archiveFormat = archiveFormat();
        Path stages = outputDirectory.toPath().resolve("stages");
        List<Attachment> attachments = new ArrayList<>();
        withPipeline((pipeline, machines) -> {
            List<Outcome> outcomes = new ArrayList<>();
            for (Machine machine : machines) {
                MachineJob job = pipeline.prepare(machine);
                String partition = pipeline.partition(job);
                Path stage = stages.resolve("stage3-" + job.classifierId() + archiveFormat.extension());
                Path packages = stages.resolve("packages-" + job.classifierId() + ".txt");
                Outcome outcome = pipeline.assemble(job, partition, archiver, stage, packages);
                outcomes.add(outcome);
                if (!outcome.failed()) {
                    attachments.add(new Attachment(archiveType(), "stage3-" + job.classifierId(), stage));
                    attachments.add(new Attachment("txt", "packages-" + job.classifierId(), packages));
                }
            }
            return outcomes;
        });
        attachments.forEach(a -> projectHelper.attachArtifact(project, a.type(), a.classifier(), a.file().toFile()));
    }
}
