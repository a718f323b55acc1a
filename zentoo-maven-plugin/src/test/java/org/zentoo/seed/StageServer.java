package org.zentoo.seed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small mirror on 127.0.0.1 with an ephemeral port. It serves byte arrays by
 * path, answers {@code Range: bytes=N-} with 206, records every request, and can
 * misbehave on purpose: drop the connection or go silent part-way through a file.
 */
final class StageServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Request(String path, String range) {
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Misbehaviour> misbehaviours = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, int[]> failures = new ConcurrentHashMap<>();

    /**
     * For the next {@code times} requests of a path: after {@code afterBytes}, pause
     * {@code pauseMillis}, then either drop the connection or, when {@code trickle}
     * is set, go on in {@code afterBytes}-sized pieces with that pause between them.
     */
    private static final class Misbehaviour {
        final long afterBytes;
        final long pauseMillis;
        final boolean trickle;
        int times;

        Misbehaviour(long afterBytes, long pauseMillis, boolean trickle, int times) {
            this.afterBytes = afterBytes;
            this.pauseMillis = pauseMillis;
            this.trickle = trickle;
            this.times = times;
        }
    }

    StageServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    void put(String path, byte[] content) {
        files.put(path, content);
    }

    void remove(String path) {
        files.remove(path);
    }

    /** The next {@code times} responses for {@code path} end abruptly after {@code afterBytes} bytes of body. */
    void cutAfter(String path, long afterBytes, int times) {
        misbehaviours.put(path, new Misbehaviour(afterBytes, 0, false, times));
    }

    /** The next response for {@code path} goes silent after {@code afterBytes} bytes for {@code millis}. */
    void stallAfter(String path, long afterBytes, long millis) {
        misbehaviours.put(path, new Misbehaviour(afterBytes, millis, false, 1));
    }

    /** The next response for {@code path} arrives slowly but steadily: {@code chunkBytes}, then a pause, and so on. */
    void trickle(String path, long chunkBytes, long pauseMillis) {
        misbehaviours.put(path, new Misbehaviour(chunkBytes, pauseMillis, true, 1));
    }

    /** The next {@code times} requests for {@code path} are answered with {@code status} and no body. */
    void failWith(String path, int status, int times) {
        failures.put(path, new int[] {status, times});
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requestsFor(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(new Request(path, range));
        try (exchange) {
            int failure = takeFailure(path);
            if (failure != 0) {
                exchange.sendResponseHeaders(failure, -1);
                return;
            }
            byte[] content = files.get(path);
            if (content == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            int start = 0;
            Matcher matcher = range == null ? null : RANGE.matcher(range);
            if (matcher != null && matcher.matches()) {
                start = (int) Math.min(Long.parseLong(matcher.group(1)), Integer.MAX_VALUE);
                if (start >= content.length) {
                    exchange.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Range",
                        "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
                exchange.sendResponseHeaders(206, content.length - start);
            } else {
                exchange.sendResponseHeaders(200, content.length);
            }
            send(exchange.getResponseBody(), content, start, takeMisbehaviour(path));
        } catch (IOException | InterruptedException e) {
            // A cut or stalled response ends here on purpose; the client sees a short body.
        }
    }

    private synchronized int takeFailure(String path) {
        int[] failure = failures.get(path);
        if (failure == null || failure[1] <= 0) {
            return 0;
        }
        failure[1]--;
        return failure[0];
    }

    private synchronized Misbehaviour takeMisbehaviour(String path) {
        Misbehaviour misbehaviour = misbehaviours.get(path);
        if (misbehaviour == null || misbehaviour.times <= 0) {
            return null;
        }
        misbehaviour.times--;
        return misbehaviour;
    }

    private static void send(OutputStream body, byte[] content, int start, Misbehaviour misbehaviour)
            throws IOException, InterruptedException {
        if (misbehaviour == null) {
            body.write(content, start, content.length - start);
            return;
        }
        int position = start;
        do {
            int stop = (int) Math.min(content.length, position + misbehaviour.afterBytes);
            body.write(content, position, stop - position);
            body.flush();
            position = stop;
            if (misbehaviour.pauseMillis > 0) {
                Thread.sleep(misbehaviour.pauseMillis);
            }
        } while (misbehaviour.trickle && position < content.length);
        // Unless trickling to the end, closing before Content-Length bytes were sent drops the connection.
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }
}
