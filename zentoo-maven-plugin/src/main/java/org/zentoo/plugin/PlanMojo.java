package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.pipeline.SitePipeline;

/**
 * Asks Portage, for each machine, what building its @world would do against its
 * binpkg partition, with the store read-only: every package it would compile and
 * why, every package it would reuse, and the site's unique compiles
 * ({@code target/zentoo/plan.json}). Writes nothing to the store.
 */
@Mojo(name = "plan", threadSafe = true)
public class PlanMojo extends AbstractPipelineMojo {

    /**
     * Makes a site line that asks for a flag the profile masks or forces the other
     * way an error instead of a warning, and so an unknown file in a set directory.
     *
     * @since 1.0
     */
    @Parameter(property = "zentoo.strict", defaultValue = "false")
    private boolean strict;

    @Override
    protected boolean strict() {
        return strict;
    }

    @Override
    protected String goal() {
        return "plan";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        ConfigSiteUse siteUse = siteUse();
        runPipeline((pipeline, machines) -> pipeline.plan(machines,
                new SitePipeline.Planning(false, strict, siteUse)));
    }
}
