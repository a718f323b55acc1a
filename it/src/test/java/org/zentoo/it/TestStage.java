package org.zentoo.it;

import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.RunIdentity;

import java.nio.file.Path;

/** The real-Portage test stage that it/stage/build-stage.sh made before the ITs ran. */
final class TestStage {

    static final String IMAGE = System.getProperty("zentoo.testStage.image", "zentoo/test-stage:current");

    private TestStage() {
    }

    /** A connected engine; a missing daemon fails the test with the engine's own message. */
    static DockerEngine engine(String site) throws EngineException {
        return DockerEngine.connect(RunIdentity.start(site));
    }

    static Path itBasedir() {
        return Path.of(System.getProperty("zentoo.it.basedir", "."));
    }
}
