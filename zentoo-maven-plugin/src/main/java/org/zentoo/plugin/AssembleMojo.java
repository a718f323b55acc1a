package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.zentoo.archive.ArchiveFormat;
import org.zentoo.archive.OutputTimestamp;
import org.zentoo.archive.StageArchiver;
import org.zentoo.build.MachineJob;
import org.zentoo.build.Outcome;
import org.zentoo.machine.Machine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles each machine's stage3 from binpkgs alone (the store mounted
 * read-only), packs it reproducibly and attaches it with classifier
 * {@code stage3-<machine>}, plus its package list as {@code packages-<machine>}.
 */
@Mojo(name = "assemble", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class AssembleMojo extends AbstractPipelineMojo {

    /** Skips zentoo:assemble alone. */
    @Parameter(property = "zentoo.assemble.skip", defaultValue = "false")
    private boolean assembleSkip;

    /** {@code tar.xz} (default) or {@code tar.zst}. */
    @Parameter(property = "zentoo.stage.format", defaultValue = "tar.xz")
    private String format;

    /** Compression level (xz 0-9, default 6; zstd 1-19, default 19). Any fixed level is reproducible. */
    @Parameter(property = "zentoo.stage.level")
    private Integer level;

    /** The mtime clamp; without it, SOURCE_DATE_EPOCH. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

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
        ArchiveFormat archiveFormat;
        Instant clamp;
        try {
            archiveFormat = ArchiveFormat.parse(format);
            if (level != null) {
                archiveFormat.checkedLevel(level);
            }
            clamp = OutputTimestamp.parse(outputTimestamp != null ? outputTimestamp : System.getenv("SOURCE_DATE_EPOCH"));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        StageArchiver archiver = new StageArchiver(archiveFormat, clamp, level);
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
                    attachments.add(new Attachment(archiveFormat.extension().substring(1), "stage3-" + job.classifierId(), stage));
                    attachments.add(new Attachment("txt", "packages-" + job.classifierId(), packages));
                }
            }
            return outcomes;
        });
        for (Attachment a : attachments) {
            projectHelper.attachArtifact(project, a.type(), a.classifier(), a.file().toFile());
        }
    }

    private record Attachment(String type, String classifier, Path file) {
    }
}
