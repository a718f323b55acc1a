package org.zentoo.it;

import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.RunIdentity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real-Portage test stage that it/stage/build-stage.sh made before the ITs ran. */
final class TestStage {

    /** The exact tag build-stage.sh wrote, not :current, which another tree's build may move. */
    static final String IMAGE = readImage();

    private TestStage() {
    }

    /** A connected engine; a missing daemon fails the test with the engine's own message. */
    static DockerEngine engine(String site) throws EngineException {
        return DockerEngine.connect(RunIdentity.start(site));
    }

    private static String readImage() {
        String file = System.getProperty("zentoo.testStage.imageFile");
        try {
            return file == null ? "zentoo/test-stage:current" : Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the test stage was not built: " + file + " is missing", e);
        }
    }

    static Path itBasedir() {
        return Path.of(System.getProperty("zentoo.it.basedir", "."));
    }
}
