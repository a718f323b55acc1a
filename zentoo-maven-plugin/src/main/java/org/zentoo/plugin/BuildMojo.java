package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Builds every machine's packages into the shared binpkg store. */
@Mojo(name = "build", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class BuildMojo extends AbstractZentooMojo {

    /** Skips zentoo:build alone. */
    @Parameter(property = "zentoo.build.skip", defaultValue = "false")
    private boolean buildSkip;

    @Override
    protected String goal() {
        return "build";
    }

    @Override
    protected String goalSkipReason() {
        return buildSkip ? "zentoo.build.skip=true" : null;
    }

    @Override
    protected void run() throws MojoExecutionException {
        throw new MojoExecutionException("zentoo:build is not available yet in this version of Zentoo:"
                + " the build pipeline (render, build, assemble, pack) is still being written.");
    }
}
