package org.zentoo.engine;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Collects a finished log stream (a container's or a Swarm task's) as lines. */
final class FrameLines extends ResultCallback.Adapter<Frame> {

    private final List<String> lines = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(lines::add);

    @Override
    public void onNext(Frame frame) {
        splitter.accept(frame.getPayload());
    }

    /** Waits, bounded, for the stream to end and returns what it said. */
    List<String> await(String what) throws EngineException {
        try (this) {
            if (!awaitCompletion(60, TimeUnit.SECONDS)) {
                throw new EngineException("the logs of " + what + " did not end within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while reading the logs of " + what, e);
        } catch (java.io.IOException | RuntimeException e) {
            throw new EngineException("cannot read the logs of " + what + ": " + e.getMessage(), e);
        }
        splitter.flush();
        return lines;
    }
}
