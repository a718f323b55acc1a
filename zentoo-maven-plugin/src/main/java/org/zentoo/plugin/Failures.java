package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.zentoo.boot.BootException;
import org.zentoo.engine.EngineException;
import org.zentoo.pipeline.GoalReport;
import org.zentoo.pipeline.Outcome;
import org.zentoo.seed.SeedException;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one rule that turns what went wrong into Maven's two kinds of error (see
 * the package documentation): the same exception maps the same way, whether a
 * goal raised it before any machine ran or a machine's step failed with it.
 */
final class Failures {

    private Failures() {
    }

    /** Whether the environment failed (daemon, disk, network, registry) rather than the user's input. */
    static boolean environment(Throwable e) {
        if (e instanceof SeedException seed) {
            return !seed.problem().userInput();
        }
        return e instanceof EngineException || e instanceof BootException || e instanceof IOException || e instanceof InterruptedException;
    }

    /**
     * Throws the {@link MojoFailureException} of a user's mistake, or returns the
     * {@link MojoExecutionException} of the environment's failure for the caller
     * to throw: {@code throw Failures.mapped(e);}.
     */
    static MojoExecutionException mapped(Exception e) throws MojoFailureException {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        if (!environment(e)) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        return new MojoExecutionException(e.getMessage(), e);
    }

    /** A goal with failed machines fails, as the first environment failure among them if there is one. */
    static void check(GoalReport report) throws MojoExecutionException, MojoFailureException {
        List<Outcome> failed = report.failures();
        if (failed.isEmpty()) {
            return;
        }
        String message = "zentoo:" + report.goal() + " failed for "
                + failed.stream().map(Outcome::machine).collect(Collectors.joining(", ")) + ":\n"
                + failed.stream().map(Outcome::detail).collect(Collectors.joining("\n"));
        Exception cause = failed.stream().map(Outcome::cause).filter(c -> c != null && environment(c)).findFirst()
                .orElse(failed.get(0).cause());
        if (cause != null && environment(cause)) {
            throw new MojoExecutionException(message, cause);
        }
        throw new MojoFailureException(message, cause);
    }
}
