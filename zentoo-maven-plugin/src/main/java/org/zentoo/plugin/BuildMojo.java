package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.pipeline.SitePipeline;

/**
 * Builds every machine's @world into the shared binpkg store, one partition per
 * build ABI. What is already there with the same USE is not compiled again.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class BuildMojo extends AbstractPipelineMojo {

    /** Skips zentoo:build alone. */
    @Parameter(property = "zentoo.build.skip", defaultValue = "false")
    private boolean buildSkip;

    /** How many binpkg partitions build at once; machines of one partition always build one by one. */
    @Parameter(property = "zentoo.threads", defaultValue = "1")
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

    @Override
    protected boolean strict() {
        return strict;
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
        ConfigSiteUse siteUse = siteUse();
        runPipeline((pipeline, machines) -> pipeline.build(machines, threads,
                new SitePipeline.Planning(planSkip, strict, siteUse)));
    }
}
