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
    static final String IMAGE = readImage("zentoo.testStage.imageFile", "zentoo/test-stage:current");

    /** The arm64 stage (build-stage.sh --arch arm64), by the exact tag it wrote. */
    static String arm64Image() {
        return readImage("zentoo.testStage.arm64ImageFile", "zentoo/test-stage-arm64:current");
    }

    private TestStage() {
    }

    /** A connected engine; a missing daemon fails the test with the engine's own message. */
    static DockerEngine engine(String site) throws EngineException {
        return DockerEngine.connect(RunIdentity.start(site));
    }

    private static String readImage(String property, String fallback) {
        String file = System.getProperty(property);
        try {
            return file == null ? fallback : Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the test stage was not built: " + file + " is missing", e);
        }
    }

    static Path itBasedir() {
        return Path.of(System.getProperty("zentoo.it.basedir", "."));
    }
}
