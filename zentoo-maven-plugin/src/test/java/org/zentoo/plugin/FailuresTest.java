package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.zentoo.config.ConfigException;
import org.zentoo.engine.EngineException;
import org.zentoo.pipeline.GoalReport;
import org.zentoo.pipeline.NotRenderedException;
import org.zentoo.pipeline.Outcome;
import org.zentoo.seed.SeedException;
import org.zentoo.step.StepFailedException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one rule: what the user must change fails the build, what the environment did is an error. */
class FailuresTest {

    @Test
    void theUsersMistakesAreFailures() {
        for (Exception e : List.of(new ConfigException("config/sets/web/packages", 3, "malformed atom"),
                new StepFailedException("web01", "build", "exit code 1", List.of(), Path.of("web01-build.log")),
                new NotRenderedException("web01", Path.of("target/zentoo/machines/web01")),
                new SeedException(SeedException.Problem.DIGEST_MISMATCH, "the tarball's SHA512 differs"))) {
            MojoFailureException failure = assertThrows(MojoFailureException.class, () -> Failures.mapped(e));
            assertSame(e, failure.getCause());
            assertEquals(e.getMessage(), failure.getMessage());
        }
    }

    @Test
    void theEnvironmentsFailuresAreErrors() throws MojoFailureException {
        for (Exception e : List.of(new EngineException("the daemon at unix:///var/run/docker.sock does not answer"),
                new IOException("No space left on device"))) {
            MojoExecutionException error = Failures.mapped(e);
            assertSame(e, error.getCause());
        }
    }

    @Test
    void aFailedMachineMapsAsItsCauseWouldBeforeAnyMachineRan() {
        Outcome daemonDied = Outcome.failed("web01", "p1", Duration.ZERO, new EngineException("daemon gone"));
        Outcome badPackage = Outcome.failed("web02", "p1", Duration.ZERO,
                new StepFailedException("web02", "build", "exit code 1", List.of(), Path.of("web02-build.log")));
        Outcome fine = new Outcome("web03", "p1", Outcome.Result.OK, "2 compiled", Duration.ZERO);

        MojoExecutionException error = assertThrows(MojoExecutionException.class,
                () -> Failures.check(new GoalReport("build", List.of(fine, badPackage, daemonDied), List.of())));
        assertEquals("zentoo:build failed for web02, web01:\n" + badPackage.detail() + "\ndaemon gone",
                error.getMessage());

        MojoFailureException failure = assertThrows(MojoFailureException.class,
                () -> Failures.check(new GoalReport("build", List.of(fine, badPackage), List.of())));
        assertSame(badPackage.cause(), failure.getCause());
    }

    @Test
    void aGoalWithoutFailuresPasses() throws Exception {
        Failures.check(new GoalReport("assemble", List.of(new Outcome("web01", "p1", Outcome.Result.UNCHANGED,
                "inputs as in the last run", Duration.ZERO)), List.of()));
    }
}
