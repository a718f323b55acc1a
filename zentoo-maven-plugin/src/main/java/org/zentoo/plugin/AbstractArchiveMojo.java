package org.zentoo.plugin;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.zentoo.archive.ArchiveFormat;
import org.zentoo.archive.StageArchiver;
import org.zentoo.pipeline.GoalReport;

/**
 * The goals that pack a tarball per machine (stage3, kernel): format, level, and
 * attaching what each machine produced once the whole goal has succeeded, so a
 * failed run never leaves a partial set of artifacts on the project.
 */
public abstract class AbstractArchiveMojo extends AbstractPipelineMojo {

    /**
     * {@code tar.zst} (default: packs many times faster than {@code xz -T0 -6}, at most
     * 10 % larger) or {@code tar.xz} (for consumers that cannot read zstd). The artifact
     * type is the format's extension.
     */
    @Parameter(property = "zentoo.stage.format", defaultValue = "tar.zst")
    private String format;

    /** Compression level (zstd 1-19, default 12; xz 0-9, default 6). Any fixed level is reproducible. */
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

    /** Attaches what the goal made; a goal with a failed machine has failed before it gets here. */
    protected final void attach(GoalReport report) {
        if (!attach) {
            getLog().info("Not attaching " + report.artifacts().size() + " artifacts (zentoo.attach=false); they stay"
                    + " in " + outputDirectory);
            return;
        }
        report.artifacts().forEach(a -> projectHelper.attachArtifact(project, a.type(), a.classifier(),
                a.file().toFile()));
    }

    protected ArchiveFormat archiveFormat() throws MojoFailureException {
        try {
            return ArchiveFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("zentoo.stage.format: " + e.getMessage(), e);
        }
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
