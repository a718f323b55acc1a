package org.zentoo.plugin;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;

/**
 * What every Zentoo goal shares: where the site's config/ and output live, and the
 * skip flags. Subclasses stay thin: read parameters, call plain classes, map errors.
 */
public abstract class AbstractZentooMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** The site's config/ directory. */
    @Parameter(property = "zentoo.configDirectory", defaultValue = "${project.basedir}/config")
    protected File configDirectory;

    /** Where rendered machines, logs and tarballs go. */
    @Parameter(property = "zentoo.outputDirectory", defaultValue = "${project.build.directory}/zentoo")
    protected File outputDirectory;

    /** Skips every Zentoo goal. */
    @Parameter(property = "zentoo.skip", defaultValue = "false")
    protected boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping zentoo:" + goal() + " (zentoo.skip=true)");
            return;
        }
        String ownSkip = goalSkipReason();
        if (ownSkip != null) {
            getLog().info("Skipping zentoo:" + goal() + " (" + ownSkip + ")");
            return;
        }
        run();
    }

    /** The goal name, for log lines. */
    protected abstract String goal();

    /** A reason to skip this goal alone (its own {@code zentoo.<goal>.skip}), or null. */
    protected String goalSkipReason() {
        return null;
    }

    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    protected boolean batchMode() {
        return session != null && !session.getRequest().isInteractiveMode();
    }
}
