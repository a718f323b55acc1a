package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.zentoo.archive.ArchiveFormat;
import org.zentoo.archive.StageArchiver;
import org.zentoo.step.MachineJob;
import org.zentoo.pipeline.Outcome;
import org.zentoo.pipeline.SitePipeline;
import org.zentoo.machine.Machine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The goals that pack a tarball per machine (stage3, kernel): format, level, and
 * attaching what each machine produced once the whole goal has succeeded, so a
 * failed run never leaves a partial set of artifacts on the project.
 */
public abstract class AbstractArchiveMojo extends AbstractPipelineMojo {

    /** {@code tar.xz} (default) or {@code tar.zst}. */
    @Parameter(property = "zentoo.stage.format", defaultValue = "tar.xz")
    private String format;

    /** Compression level (xz 0-9, default 6; zstd 1-19, default 19). Any fixed level is reproducible. */
    @Parameter(property = "zentoo.stage.level")
    private Integer level;

    /** {@code java} (default, reproducible everywhere) or {@code system} (the host's xz, faster; .tar.xz only). */
    @Parameter(property = "zentoo.stage.compressor", defaultValue = "java")
    private String compressor;

    /** false keeps the tarballs in target/zentoo only: nothing is attached, installed or deployed. */
    @Parameter(property = "zentoo.attach", defaultValue = "true")
    private boolean attach;

    @Component
    private MavenProjectHelper projectHelper;

    /** What one machine's step made: its summary row and the files to attach. */
    protected record Packed(Outcome outcome, List<Attachment> attachments) {
    }

    /** An artifact to attach once the goal has succeeded. */
    protected record Attachment(String type, String classifier, Path file) {
    }

    @FunctionalInterface
    protected interface MachineStep {
        Packed run(SitePipeline pipeline, MachineJob job, String partition) throws Exception;
    }

    /** Runs the step for each selected machine, then attaches what the successful ones made. */
    protected final void packEachMachine(MachineStep step) throws MojoExecutionException, MojoFailureException {
        List<Attachment> attachments = new ArrayList<>();
        withPipeline((pipeline, machines) -> {
            List<Outcome> outcomes = new ArrayList<>();
            for (Machine machine : machines) {
                MachineJob job = pipeline.prepare(machine);
                Packed packed = step.run(pipeline, job, pipeline.partition(job));
                outcomes.add(packed.outcome());
                if (packed.outcome().result().equals("OK") || packed.outcome().result().equals("UNCHANGED")) {
                    attachments.addAll(packed.attachments());
                }
            }
            return outcomes;
        });
        if (!attach) {
            getLog().info("Not attaching " + attachments.size() + " artifacts (zentoo.attach=false); they stay in "
                    + outputDirectory);
            return;
        }
        attachments.forEach(a -> projectHelper.attachArtifact(project, a.type(), a.classifier(), a.file().toFile()));
    }

    protected ArchiveFormat archiveFormat() throws MojoFailureException {
        try {
            return ArchiveFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("zentoo.stage.format: " + e.getMessage(), e);
        }
    }

    /** The Maven artifact type: the extension without its dot, e.g. {@code tar.xz}. */
    protected String archiveType() throws MojoFailureException {
        return archiveFormat().extension().substring(1);
    }

    protected StageArchiver archiver() throws MojoFailureException {
        ArchiveFormat chosen = archiveFormat();
        try {
            if (level != null) {
                chosen.checkedLevel(level);
            }
            return new StageArchiver(chosen, clamp(), level).withSystemXz(systemXz(compressor, "zentoo.stage.compressor"));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("zentoo.stage.level: " + e.getMessage(), e);
        }
    }
}
