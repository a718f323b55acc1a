package org.zentoo.seed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one URL into a {@code .part} file, resuming with an HTTP Range request
 * when the file already holds a prefix. Every wait is bounded: connecting, waiting
 * for headers, and each stretch without body bytes. A failed attempt is retried a
 * bounded number of times, each retry resuming where the last one stopped.
 */
final class SeedDownloader {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-\\d+/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");
    /** How often the watchdog looks at progress; small against any useful idle timeout. */
    private static final long POLL_MILLIS = 50;
    private static final String VALIDATOR_SUFFIX = ".validator";

    private final HttpClient client;
    private final Duration idleTimeout;
    private final int attempts;
    private final Duration retryPause;

    SeedDownloader(Duration connectTimeout, Duration idleTimeout, int attempts, Duration retryPause) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.idleTimeout = idleTimeout;
        this.attempts = attempts;
        this.retryPause = retryPause;
    }

    /**
     * Makes {@code part} hold the whole body of {@code url}. An existing {@code part}
     * is treated as a prefix of the body and resumed.
     */
    void download(URI url, Path part, long maxBytes) throws SeedException {
        IOException lastFailure = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                if (attemptOnce(url, part, maxBytes)) {
                    deleteValidator(part);
                    return;
                }
                lastFailure = new IOException("the server's answer to a resumed request did not fit the partial file");
            } catch (IOException e) {
                lastFailure = e;
            }
            if (attempt < attempts) {
                pause(url);
            }
        }
        throw new SeedException(SeedException.Problem.DOWNLOAD_FAILED, "downloading " + url + " failed after "
                + attempts + " attempt(s): " + describe(lastFailure) + "; a later fetch resumes a partial tarball",
                lastFailure);
    }

    /** One request; true when the part file is complete, false when it had to be discarded. */
    private boolean attemptOnce(URI url, Path part, long maxBytes) throws IOException, SeedException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(idleTimeout)
                .header("User-Agent", "zentoo-seed-fetcher")
                .GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
            // If the file changed since the first bytes were fetched, If-Range makes the server send it whole.
            Optional<String> validator = readValidator(part);
            validator.ifPresent(v -> request.header("If-Range", v));
        }
        AtomicReference<PartFileSubscriber> writer = new AtomicReference<>();
        CompletableFuture<HttpResponse<Void>> response = client.sendAsync(request.build(), info -> {
            PartFileSubscriber subscriber = subscriberFor(info, part, have, maxBytes);
            writer.set(subscriber);
            return subscriber == null ? HttpResponse.BodySubscribers.replacing(null) : subscriber;
        });
        HttpResponse<Void> answer = awaitWithWatchdog(url, response, writer);
        int status = answer.statusCode();
        if (status == 200 || status == 206) {
            return writer.get() != null;
        }
        if (status == 416) {
            return rangeWasComplete(answer, part, have);
        }
        if (status == 404 || status == 410) {
            throw new SeedException(SeedException.Problem.NOT_FOUND, url + " does not exist on the server (HTTP " + status + ")");
        }
        if (status >= 500 || status == 408 || status == 429) {
            throw new IOException("HTTP " + status + " from " + url);
        }
        throw new SeedException(SeedException.Problem.DOWNLOAD_FAILED, "the server refused " + url + " (HTTP " + status + ")");
    }

    /** Chooses how the body is stored, from the status and Content-Range; null discards it. */
    private PartFileSubscriber subscriberFor(HttpResponse.ResponseInfo info, Path part, long have, long maxBytes) {
        if (info.statusCode() == 200) {
            info.headers().firstValue("ETag").or(() -> info.headers().firstValue("Last-Modified"))
                    .ifPresent(v -> writeValidator(part, v));
            return new PartFileSubscriber(part, false, maxBytes);
        }
        if (info.statusCode() == 206) {
            Matcher range = CONTENT_RANGE.matcher(info.headers().firstValue("Content-Range").orElse(""));
            if (range.matches() && Long.parseLong(range.group(1)) == have) {
                return new PartFileSubscriber(part, true, maxBytes - have);
            }
            deleteQuietly(part);
        }
        return null;
    }

    /** 416 means the Range started at or past the end: complete if the sizes agree, else start over. */
    private boolean rangeWasComplete(HttpResponse<Void> answer, Path part, long have) throws IOException {
        Matcher total = UNSATISFIED_RANGE.matcher(answer.headers().firstValue("Content-Range").orElse(""));
        if (total.matches() && Long.parseLong(total.group(1)) == have) {
            return true;
        }
        Files.deleteIfExists(part);
        return false;
    }

    private HttpResponse<Void> awaitWithWatchdog(URI url, CompletableFuture<HttpResponse<Void>> response,
            AtomicReference<PartFileSubscriber> writer) throws IOException, SeedException {
        long lastSeen = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            try {
                // sendAsync completes only after the body subscriber has finished.
                return response.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                PartFileSubscriber current = writer.get();
                long seen = current == null ? 0 : current.written();
                if (seen != lastSeen) {
                    lastSeen = seen;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > idleTimeout.toNanos()) {
                    IOException stalled = new IOException("no data from " + url + " for " + idleTimeout.toMillis() + " ms");
                    if (current != null) {
                        current.abandon(stalled);
                    }
                    response.cancel(true);
                    throw stalled;
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof IOException io ? io : new IOException(describe(cause), cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (writer.get() != null) {
                    writer.get().abandon(new IOException("interrupted"));
                }
                response.cancel(true);
                throw new SeedException(SeedException.Problem.DOWNLOAD_FAILED, "downloading " + url + " was interrupted");
            }
        }
    }

    private void pause(URI url) throws SeedException {
        try {
            Thread.sleep(retryPause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeedException(SeedException.Problem.DOWNLOAD_FAILED, "downloading " + url + " was interrupted");
        }
    }

    private static Optional<String> readValidator(Path part) {
        try {
            Path file = part.resolveSibling(part.getFileName() + VALIDATOR_SUFFIX);
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void writeValidator(Path part, String validator) {
        try {
            Files.writeString(part.resolveSibling(part.getFileName() + VALIDATOR_SUFFIX), validator, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // Without a validator a resume is still checked by SHA512 afterwards.
        }
    }

    private static void deleteValidator(Path part) {
        deleteQuietly(part.resolveSibling(part.getFileName() + VALIDATOR_SUFFIX));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The next attempt truncates or replaces it anyway.
        }
    }

    private static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown error";
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
