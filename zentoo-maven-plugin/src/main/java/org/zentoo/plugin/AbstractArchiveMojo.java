package org.zentoo.plugin;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.archive.ArchiveFormat;
import org.zentoo.archive.StageArchiver;

import java.nio.file.Path;

/** The goals that pack tarballs (stage3, kernel): format, level and mtime clamp. */
public abstract class AbstractArchiveMojo extends AbstractPipelineMojo {

    /** {@code tar.xz} (default) or {@code tar.zst}. */
    @Parameter(property = "zentoo.stage.format", defaultValue = "tar.xz")
    private String format;

    /** Compression level (xz 0-9, default 6; zstd 1-19, default 19). Any fixed level is reproducible. */
    @Parameter(property = "zentoo.stage.level")
    private Integer level;

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
            return new StageArchiver(chosen, clamp(), level);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("zentoo.stage.level: " + e.getMessage(), e);
        }
    }

    /** An artifact to attach once the goal has succeeded. */
    protected record Attachment(String type, String classifier, Path file) {
    }
}
