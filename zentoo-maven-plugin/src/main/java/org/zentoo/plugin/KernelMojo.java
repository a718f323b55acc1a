package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.archive.StageArchiver;

/**
 * Builds each machine's KERNEL package with its stacked kernel.config fragments
 * and attaches /boot, /lib/modules and kernel.properties as {@code kernel-<machine>}.
 */
@Mojo(name = "kernel", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class KernelMojo extends AbstractArchiveMojo {

    /** Skips zentoo:kernel alone. */
    @Parameter(property = "zentoo.kernel.skip", defaultValue = "false")
    private boolean kernelSkip;

    @Override
    protected String goal() {
        return "kernel";
    }

    @Override
    protected String goalSkipReason() {
        return kernelSkip ? "zentoo.kernel.skip=true" : null;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        StageArchiver archiver = archiver();
        attach(runPipeline((pipeline, machines) -> pipeline.kernel(machines, archiver)));
    }
}
