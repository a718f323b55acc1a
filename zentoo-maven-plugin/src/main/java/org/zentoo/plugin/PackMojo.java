package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.archive.ArchiveFormat;
import org.zentoo.archive.MalformedTarException;
import org.zentoo.archive.PackResult;
import org.zentoo.archive.StageArchiver;

import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Packs any root directory or tar stream into a reproducible stage tarball, as
 * {@code zentoo:assemble} does for a container:
 * {@code mvn zentoo:pack -Dzentoo.pack.source=DIR|FILE.tar -Dzentoo.pack.output=stage3.tar.zst}.
 */
@Mojo(name = "pack", threadSafe = true, requiresProject = false)
public class PackMojo extends AbstractZentooMojo {

    /**
     * What to pack: a directory, which becomes the archive's {@code ./}, or an
     * uncompressed tar file or stream (a {@code docker export}, a named pipe,
     * {@code /dev/stdin}), whose entries are sorted and normalized.
     */
    @Parameter(property = "zentoo.pack.source")
    protected File source;

    /** The older name of {@code zentoo.pack.source}, still accepted. */
    @Parameter(property = "zentoo.pack.root")
    protected File root;

    /** The archive to write; its name picks the format unless {@code zentoo.pack.format} is set. */
    @Parameter(property = "zentoo.pack.output", required = true)
    protected File output;

    /** {@code tar.zst} or {@code tar.xz}; unset, the output's name decides, and tar.zst for any other name. */
    @Parameter(property = "zentoo.pack.format")
    protected String format;

    /** Compression level (zstd 1-19, default 12; xz 0-9, default 6). */
    @Parameter(property = "zentoo.pack.level")
    protected Integer level;

    /**
     * {@code java} (default): tukaani's xz encoder, the same bytes on every host.
     * {@code system}: the host's {@code xz}, about twice as fast, but the bytes are
     * reproducible only with the same XZ Utils version. Only affects {@code .tar.xz}.
     */
    @Parameter(property = "zentoo.pack.compressor", defaultValue = "java")
    protected String compressor = "java";

    /** How often a long pack logs how far it has got; tests make it short. */
    Duration progressInterval = StageArchiver.PROGRESS_INTERVAL;

    @Override
    protected String goal() {
        return "pack";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        File from = source();
        if (output == null) {
            throw new MojoFailureException("zentoo.pack.output is not set");
        }
        StageArchiver archiver = archiver();
        Path out = output.toPath();
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            PackResult result;
            if (Files.isDirectory(from.toPath())) {
                result = archiver.packDirectory(from.toPath(), out);
            } else {
                try (InputStream tar = Files.newInputStream(from.toPath())) {
                    result = archiver.packTarStream(tar, out);
                }
            }
            result.warnings().forEach(getLog()::warn);
            getLog().info("Packed " + result.entries() + " entries from " + from + " into " + result.file()
                    + " (" + result.bytes() + " bytes, sha256 " + result.sha256() + ")");
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (MalformedTarException | EOFException e) {
            throw new MojoFailureException("zentoo.pack.source " + from + " is not an uncompressed tar: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("zentoo:pack failed: " + e.getMessage(), e);
        }
    }

    private File source() throws MojoFailureException {
        if (source != null && root != null && !source.equals(root)) {
            throw new MojoFailureException("zentoo.pack.source " + source + " and its old name zentoo.pack.root "
                    + root + " disagree; set only zentoo.pack.source");
        }
        File from = source != null ? source : root;
        if (from == null) {
            throw new MojoFailureException("zentoo.pack.source is not set: give a directory or a tar file");
        }
        if (!from.exists()) {
            throw new MojoFailureException("zentoo.pack.source " + from + " does not exist");
        }
        return from;
    }

    private StageArchiver archiver() throws MojoFailureException {
        ArchiveFormat chosen;
        try {
            chosen = format == null || format.isBlank() ? null : ArchiveFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("zentoo.pack.format: " + e.getMessage(), e);
        }
        if (level != null) {
            try {
                (chosen != null ? chosen : ArchiveFormat.forFile(output.toPath())).checkedLevel(level);
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException("zentoo.pack.level: " + e.getMessage(), e);
            }
        }
        return new StageArchiver(chosen, clamp(), level).withSystemXz(systemXz(compressor, "zentoo.pack.compressor"))
                .withProgress(progressInterval, getLog()::info);
    }
}
