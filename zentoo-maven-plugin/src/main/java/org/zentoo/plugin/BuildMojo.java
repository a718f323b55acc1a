package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.distcc.DistccOptions;
import org.zentoo.pipeline.SitePipeline;
import org.zentoo.site.Site;

/**
 * Builds every machine's @world into the shared binpkg store, one partition per
 * build ABI and architecture. What is already there with the same USE is not
 * compiled again. A machine's architecture is its seed's platform (the image label
 * {@code org.zentoo.platform}, else the image's Architecture; a stage3 tarball's
 * name and binaries), which must agree with its profile's CHOST; a machine of
 * another platform than the Docker host's runs under QEMU user emulation, checked
 * first with {@code uname -m} in its seed (see docs/arm64.md).
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class BuildMojo extends AbstractPipelineMojo {

    /**
     * distcc workers to start for each machine's build, from the machine's own seed
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

    /** Skips zentoo:build alone. */
    @Parameter(property = "zentoo.build.skip", defaultValue = "false")
    private boolean buildSkip;

    /**
     * How many binpkg partitions build at once; machines of one partition always build one
     * by one. 0 (the default): one on this host, every partition at once with zentoo.swarm.
     */
    @Parameter(property = "zentoo.threads", defaultValue = "0")
    private int threads;

    /**
     * Skips the plan at the start of the build: Portage's refusals (REQUIRED_USE,
     * package.mask) then come from the build's emerge, and profile conflicts are
     * not reported.
     */
    @Parameter(property = "zentoo.plan.skip", defaultValue = "false")
    private boolean planSkip;

    /**
     * Makes a site line that asks for a flag the profile masks or forces the other way
     * an error, and so an unknown file in a set directory.
     */
    @Parameter(property = "zentoo.strict", defaultValue = "false")
    private boolean strict;

    /**
     * After a failed build, builds the failed version once more with the USE its last good
     * instance in zentoo.lock was built with (one extra build, in a scratch PKGDIR, the binpkg
     * store read-only), and says in its bug report whether the failure is a USE change.
     *
     * @since 1.0
     */
    @Parameter(property = "zentoo.bugreport.tryLastGood", defaultValue = "false")
    private boolean tryLastGood;

    @Override
    protected boolean strict() {
        return strict;
    }

    @Override
    protected DistccOptions distcc() throws MojoFailureException {
        return distcc(distccWorkers, distccMode, distccJobs, distccRegistry, distccCrossImage);
    }

    @Override
    protected String goal() {
        return "build";
    }

    @Override
    protected String goalSkipReason() {
        return buildSkip ? "zentoo.build.skip=true" : null;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (threads < 0) {
            throw new MojoFailureException("zentoo.threads=" + threads + ": expected 0 (one lane on this host, every"
                    + " partition at once on a Swarm) or a number of partitions to build at once");
        }
        ConfigSiteUse siteUse = siteUse();
        Site site = site();
        runPipeline((pipeline, machines) -> pipeline.lastGood(site, tryLastGood).build(machines, threads,
                new SitePipeline.Planning(planSkip, strict, siteUse)));
    }
}
