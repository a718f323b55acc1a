package org.zentoo.step;

import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.StepLog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs one container step of one machine: full output to
 * {@code logs/<machine>-<step>.log}, progress lines to the console, and a
 * {@link StepFailedException} with the last lines when the step fails.
 */
public final class StepRunner {

    private final DockerEngine engine;
    private final Path logDirectory;
    private final BiConsumer<String, String> console;

    /**
     * @param console receives (machine, line) for lines worth showing a person
     */
    public StepRunner(DockerEngine engine, Path logDirectory, BiConsumer<String, String> console) {
        this.engine = engine;
        this.logDirectory = logDirectory;
        this.console = console;
    }

    public DockerEngine engine() {
        return engine;
    }

    public Path logFile(String machine, String step) {
        return logDirectory.resolve(machine.replace('/', '-') + "-" + step + ".log");
    }

    /** Runs a created-on-the-spot container to its end and removes it. */
    public StepLog run(String machine, String step, ContainerSpec spec, Consumer<String> observer)
            throws EngineException, StepFailedException, IOException {
        String id = engine.create(spec.machine(machine));
        try {
            return runCreated(machine, step, id, observer);
        } finally {
            engine.remove(id);
        }
    }

    /** Runs a container the caller created (and prepared, e.g. with copyIn); the caller removes it. */
    public StepLog runCreated(String machine, String step, String containerId, Consumer<String> observer)
            throws EngineException, StepFailedException, IOException {
        Path file = logFile(machine, step);
        try (StepLog log = new StepLog(file, line -> {
            observer.accept(line);
            if (EmergeReport.isProgress(line)) {
                console.accept(machine, line);
            }
        })) {
            int exit = engine.startAndWait(containerId, log);
            if (exit != 0) {
                throw new StepFailedException(machine, step, "exit code " + exit, log.tail(), file);
            }
            return log;
        }
    }
}
