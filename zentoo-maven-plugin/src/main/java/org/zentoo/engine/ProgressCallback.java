package org.zentoo.engine;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.ResponseItem;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Follows a pull or push: status lines go to {@code progress}, and the first
 * failure, whether the daemon reports it in a line or the stream breaks, is kept
 * for one clear message. docker-java's own callbacks would log each failure with
 * a stack trace instead.
 */
final class ProgressCallback<T extends ResponseItem> extends ResultCallback.Adapter<T> {

    private final Consumer<String> progress;
    private volatile Throwable failure;

    ProgressCallback(Consumer<String> progress) {
        this.progress = progress;
    }

    @Override
    public void onNext(T item) {
        if (item.getErrorDetail() != null || item.getError() != null) {
            failure = new IllegalStateException(item.getErrorDetail() != null && item.getErrorDetail().getMessage()
                    != null ? item.getErrorDetail().getMessage() : item.getError());
        } else if (item.getStatus() != null && item.getProgressDetail() == null) {
            progress.accept(item.getStatus() + (item.getId() == null ? "" : " " + item.getId()));
        }
    }

    @Override
    public void onError(Throwable error) {
        failure = error;
        try {
            close();
        } catch (IOException e) {
            // closing only releases the wait for completion
        }
    }

    /** Waits for the end; a thrown failure of the request itself counts like a reported one. */
    Throwable await(Runnable request) throws InterruptedException {
        try {
            request.run();
            awaitCompletion();
        } catch (RuntimeException e) {
            failure = e;
        }
        return failure;
    }
}
