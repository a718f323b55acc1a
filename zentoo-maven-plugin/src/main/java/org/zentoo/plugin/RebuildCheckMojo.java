package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.zentoo.archive.StageArchiver;

/**
 * Rebuilds the selected machines' packages from scratch, in a scratch binpkg store
 * of their own that is removed afterwards, and compares each binpkg with the one in
 * the site's store: per package "reproducible", or the files that differ with a
 * short diff of the metadata; when every binpkg is the same, assembles a stage
 * from the scratch store, packed with the same {@code zentoo.stage.*} settings,
 * and compares it with the machine's stage3 in target/zentoo. Not bound to any
 * phase; run {@code zentoo:build} and {@code zentoo:assemble} first. Fails when a
 * package or a stage is not reproducible.
 */
@Mojo(name = "rebuild-check", threadSafe = true)
public class RebuildCheckMojo extends AbstractArchiveMojo {

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
        StageArchiver archiver = archiver();
        runPipeline((pipeline, machines) -> pipeline.rebuildCheck(machines, archiver));
    }
}
