package org.zentoo.pipeline;

import org.zentoo.engine.EngineException;
import org.zentoo.report.TestCase;
import org.zentoo.step.StepFailedException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The boot part of zentoo:test, for a machine with a kernel artifact: boots the
 * kernel with the stage, runs the built-in checks and the machine's stacked
 * {@code tests/boot/} scripts, and returns a test case per check and script
 * (classname {@code <machine>.boot}). zentoo:test calls it after the container
 * checks passed, only when {@code zentoo.test.boot} is on.
 */
@FunctionalInterface
public interface BootTest {

    List<TestCase> boot(Request request) throws EngineException, StepFailedException, IOException;

    /**
     * @param stage     the packed stage3 that is tested
     * @param kernel    the packed kernel artifact
     * @param bootTests the machine's stacked tests/boot/ (may be absent)
     * @param services  the machine's rendered services list (may be absent), for the built-in checks
     * @param overlay   the machine's stacked overlay/ (may be absent), for the CONTENTS check
     */
    record Request(String machineId, String classifierId, Path stage, Path kernel, Path bootTests, Path services,
                   Path overlay) {
    }
}
