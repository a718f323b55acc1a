package org.zentoo.distcc;

import org.zentoo.engine.EngineException;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Started distcc workers for one machine's build, and the network the build
 * container joins to reach them. Closing stops and removes them and the network.
 */
interface WorkerPool extends AutoCloseable {

    /** The network the workers listen on; the build and the probe join it. */
    String network();

    /** Finds the workers and asks each for a trial compile. */
    WorkerProbe.Result probe(WorkerProbe probe) throws EngineException;

    /** Workers that stopped since they started, each with how it ended. */
    List<String> lost() throws EngineException;

    /** Writes each worker's distccd log to the file {@code logFile} names for it. */
    void saveLogs(Function<String, Path> logFile) throws EngineException;

    @Override
    void close() throws EngineException;
}
