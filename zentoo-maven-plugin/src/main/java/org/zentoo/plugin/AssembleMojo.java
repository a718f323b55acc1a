package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.archive.StageArchiver;

/**
 * Assembles each machine's stage3 from binpkgs alone (the store mounted
 * read-only), packs it reproducibly and attaches it with classifier
 * {@code stage3-<machine>}, plus its package list as {@code packages-<machine>}.
 */
@Mojo(name = "assemble", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class AssembleMojo extends AbstractArchiveMojo {

    /** Skips zentoo:assemble alone. */
    @Parameter(property = "zentoo.assemble.skip", defaultValue = "false")
    private boolean assembleSkip;

    @Override
    protected String goal() {
        return "assemble";
    }

    @Override
    protected String goalSkipReason() {
        return assembleSkip ? "zentoo.assemble.skip=true" : null;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        StageArchiver archiver = archiver();
        attach(runPipeline((pipeline, machines) -> pipeline.assemble(machines, archiver)));
    }
}
