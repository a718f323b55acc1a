package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.engine.EngineException;
import org.zentoo.pipeline.GoalReport;
import org.zentoo.pipeline.SitePipeline;

import java.io.File;
import java.io.IOException;

/**
 * Replays the failed build of a bug report: a container from the same seed image,
 * with the same snapshot volume and the report's etc-portage, runs the same
 * {@code emerge --oneshot =cat/pf} and stops at the failure; then a shell opens
 * there, as in zentoo:freshroot, or {@code zentoo.reproduce.command} runs. The goal
 * succeeds when the package failed again in the same phase with the same die message.
 */
@Mojo(name = "reproduce", threadSafe = true)
public class ReproduceMojo extends AbstractPipelineMojo {

    /**
     * The bug report: a {@code target/zentoo/bugreports/<machine>/<cat>/<pf>} directory
     * or its {@code bugreport-<machine>-<cat>-<pf>.tar.gz}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "zentoo.bugreport")
    private File bugreport;

    /**
     * Runs this command at the failure instead of an interactive shell (for scripts and CI).
     *
     * @since 0.1.0
     */
    @Parameter(property = "zentoo.reproduce.command")
    private String command;

    @Override
    protected String goal() {
        return "reproduce";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (bugreport == null || !bugreport.exists()) {
            throw new MojoFailureException("zentoo:reproduce needs a bug report: -Dzentoo.bugreport=<dir or tar.gz>"
                    + (bugreport == null ? "" : " (" + bugreport + " does not exist)")
                    + "; a failed zentoo:build names its bugreport-*.tar.gz");
        }
        GoalReport report;
        try (SitePipeline pipeline = SitePipeline.connect(settings())) {
            report = pipeline.reproduce(bugreport.toPath().toAbsolutePath(), command);
        } catch (EngineException | IOException e) {
            throw Failures.mapped(e);
        }
        report.summary().forEach(getLog()::info);
        Failures.check(report);
    }
}
