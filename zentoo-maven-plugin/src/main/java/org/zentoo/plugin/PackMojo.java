package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.archive.ArchiveFormat;
import org.zentoo.archive.PackResult;
import org.zentoo.archive.StageArchiver;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Packs any root directory into a reproducible stage tarball, as {@code zentoo:assemble}
 * does for a container: {@code mvn zentoo:pack -Dzentoo.pack.root=DIR -Dzentoo.pack.output=stage3.tar.xz}.
 */
@Mojo(name = "pack", threadSafe = true, requiresProject = false)
public class PackMojo extends AbstractZentooMojo {

    /** The directory to pack; it becomes the archive's {@code ./}. */
    @Parameter(property = "zentoo.pack.root", required = true)
    protected File root;

    /** The archive to write; its name picks the format unless {@code zentoo.pack.format} is set. */
    @Parameter(property = "zentoo.pack.output", required = true)
    protected File output;

    /** {@code tar.xz} (default) or {@code tar.zst}. */
    @Parameter(property = "zentoo.pack.format")
    protected String format;

    @Override
    protected String goal() {
        return "pack";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (root == null || !Files.isDirectory(root.toPath())) {
            throw new MojoFailureException("zentoo.pack.root " + root + " is not a directory");
        }
        if (output == null) {
            throw new MojoFailureException("zentoo.pack.output is not set");
        }
        StageArchiver archiver = new StageArchiver(format(), clamp());
        try {
            Files.createDirectories(output.toPath().toAbsolutePath().getParent());
            PackResult result = archiver.packDirectory(root.toPath(), output.toPath());
            result.warnings().forEach(getLog()::warn);
            getLog().info("Packed " + result.entries() + " entries from " + root + " into " + result.file()
                    + " (" + result.bytes() + " bytes, sha256 " + result.sha256() + ")");
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("zentoo:pack failed: " + e.getMessage(), e);
        }
    }

    private ArchiveFormat format() throws MojoFailureException {
        if (format == null || format.isBlank()) {
            return null;
        }
        try {
            return ArchiveFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("zentoo.pack.format: " + e.getMessage(), e);
        }
    }
}
