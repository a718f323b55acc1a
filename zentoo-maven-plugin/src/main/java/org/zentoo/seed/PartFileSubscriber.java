package org.zentoo.seed;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Writes a response body into a {@code .part} file as it arrives, appending when
 * resuming. It counts bytes so that a watchdog can see a stalled transfer, and it
 * can be abandoned from another thread: after {@link #abandon} nothing more is
 * written, so an abandoned attempt can never interleave with the next one.
 */
final class PartFileSubscriber implements HttpResponse.BodySubscriber<Void> {

    private final Path part;
    private final boolean append;
    private final long maxBytes;
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    private volatile long written;
    private Flow.Subscription subscription;
    private FileChannel channel;
    private boolean finished;

    PartFileSubscriber(Path part, boolean append, long maxBytes) {
        this.part = part;
        this.append = append;
        this.maxBytes = maxBytes;
    }

    /** Bytes written by this response so far; read by the watchdog. */
    long written() {
        return written;
    }

    @Override
    public CompletionStage<Void> getBody() {
        return result;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription subscription) {
        if (finished) {
            subscription.cancel();
            return;
        }
        this.subscription = subscription;
        try {
            channel = append
                    ? FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                    : FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            fail(e);
            return;
        }
        subscription.request(1);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
        if (finished) {
            return;
        }
        try {
            for (ByteBuffer buffer : buffers) {
                written += buffer.remaining();
                if (written > maxBytes) {
                    throw new IOException("the response is larger than " + maxBytes + " bytes");
                }
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        subscription.request(1);
    }

    @Override
    public synchronized void onError(Throwable error) {
        if (!finished) {
            finished = true;
            closeChannel();
            result.completeExceptionally(error);
        }
    }

    @Override
    public synchronized void onComplete() {
        if (!finished) {
            finished = true;
            closeChannel();
            result.complete(null);
        }
    }

    /** Stops writing for good; used when the watchdog gives up on this response. */
    synchronized void abandon(IOException reason) {
        fail(reason);
    }

    private void fail(IOException reason) {
        if (finished) {
            return;
        }
        finished = true;
        if (subscription != null) {
            subscription.cancel();
        }
        closeChannel();
        result.completeExceptionally(reason);
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Everything written so far is already in the file; the next attempt re-reads its size.
            }
        }
    }
}
