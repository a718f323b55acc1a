package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Rebuilds the selected machines' packages from scratch, in a scratch binpkg store
 * of their own that is removed afterwards, and compares each binpkg with the one in
 * the site's store: per package "reproducible", or the files that differ with a
 * short diff of the metadata. Not bound to any phase; run {@code zentoo:build}
 * first. Fails when a package is not reproducible.
 */
@Mojo(name = "rebuild-check", threadSafe = true)
public class RebuildCheckMojo extends AbstractPipelineMojo {

    @Override
    protected String goal() {
        return "rebuild-check";
    }

    @Override
    protected String goalSkipReason() {
        return null;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        runPipeline((pipeline, machines) -> pipeline.rebuildCheck(machines));
    }
}
