package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.distcc.DistccOptions;
import org.zentoo.archive.StageArchiver;

/**
 * Builds each machine's KERNEL package with its stacked kernel.config fragments
 * and attaches /boot, /lib/modules and kernel.properties as {@code kernel-<machine>}.
 */
@Mojo(name = "kernel", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class KernelMojo extends AbstractArchiveMojo {

    /**
     * distcc workers to start for each machine's kernel build, from the machine's own seed
     * image with sys-devel/distcc added; 0 compiles without distcc.
     */
    @Parameter(property = "zentoo.distcc.workers", defaultValue = "0")
    private int distccWorkers;

    /** Where the workers run: {@code local} (containers on this Docker host) or {@code swarm} (a Swarm service). */
    @Parameter(property = "zentoo.distcc.mode", defaultValue = "local")
    private String distccMode;

    /** Compile jobs each worker takes at once; MAKEOPTS becomes -j(workers × jobs). */
    @Parameter(property = "zentoo.distcc.jobs", defaultValue = "2")
    private int distccJobs;

    /**
     * Swarm mode: a registry every node can pull from, such as
     * {@code registry.example:5000/zentoo}. Zentoo pushes the distcc image it makes
     * from the seed there; without it, a Swarm of more than one node is refused.
     */
    @Parameter(property = "zentoo.distcc.registry")
    private String distccRegistry;

    /**
     * For a machine of another architecture than the Docker host's: the native image
     * its workers run from, with distcc and a cross-compiler for the machine's CHOST
     * of the machine's gcc version (on Gentoo, a stage3 of the host's architecture
     * with {@code crossdev -t CHOST}; docs/scaling.md has the recipe).
     */
    @Parameter(property = "zentoo.distcc.crossImage")
    private String distccCrossImage;

    /** Skips zentoo:kernel alone. */
    @Parameter(property = "zentoo.kernel.skip", defaultValue = "false")
    private boolean kernelSkip;

    @Override
    protected DistccOptions distcc() throws MojoFailureException {
        return distcc(distccWorkers, distccMode, distccJobs, distccRegistry, distccCrossImage);
    }

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
