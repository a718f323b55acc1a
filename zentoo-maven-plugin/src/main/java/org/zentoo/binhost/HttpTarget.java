package org.zentoo.binhost;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * A partition on a WebDAV server (nginx's dav module, Apache mod_dav, …): GET,
 * MKCOL for directories (405, the directory exists, is fine) and PUT, with HTTP
 * Basic credentials when given. The JDK's client, no other dependency.
 */
public final class HttpTarget implements BinhostTarget {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final URI base;
    private final String authorization;
    private final HttpClient client;
    private boolean baseMade;

    /**
     * @param base     the partition's URL, ending in {@code /}
     * @param user     null for no credentials
     * @param password the password (never logged)
     */
    public HttpTarget(URI base, String user, String password) {
        if (!base.toString().endsWith("/")) {
            throw new IllegalArgumentException("a partition URL ends in /: " + base);
        }
        this.base = base;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Optional<byte[]> get(String path) throws IOException {
        HttpResponse<byte[]> response = send(request(path).GET(), HttpResponse.BodyHandlers.ofByteArray(), "GET", path);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(response, "GET", path, 200);
        return Optional.of(response.body());
    }

    @Override
    public void mkdir(String path) throws IOException {
        makeBase();
        mkcol(base.resolve(path + "/"), path);
    }

    @Override
    public void put(String path, Path file) throws IOException {
        makeBase();
        HttpResponse<Void> response = send(request(path).PUT(HttpRequest.BodyPublishers.ofFile(file)),
                HttpResponse.BodyHandlers.discarding(), "PUT", path);
        expect(response, "PUT", path, 200, 201, 204);
    }

    @Override
    public String describe() {
        return base.toString();
    }

    /** The partition's directory and those above it, below the server's root. */
    private void makeBase() throws IOException {
        if (baseMade) {
            return;
        }
        String[] segments = base.getRawPath().split("/");
        StringBuilder path = new StringBuilder("/");
        for (String segment : segments) {
            if (segment.isEmpty()) {
                continue;
            }
            path.append(segment).append('/');
            mkcol(base.resolve(path.toString()), path.toString());
        }
        baseMade = true;
    }

    private void mkcol(URI uri, String what) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method("MKCOL", HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpResponse<Void> response = send(builder, HttpResponse.BodyHandlers.discarding(), "MKCOL", what);
        expect(response, "MKCOL", what, 201, 405);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler, String method,
                                     String path) throws IOException {
        try {
            return client.send(request.build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(method + " " + base.resolve(path) + " was interrupted", e);
        } catch (IOException e) {
            throw new IOException(method + " " + base.resolve(path) + " failed: " + e.getMessage(), e);
        }
    }

    private void expect(HttpResponse<?> response, String method, String path, int... accepted) throws IOException {
        for (int code : accepted) {
            if (response.statusCode() == code) {
                return;
            }
        }
        throw new IOException(method + " " + base.resolve(path) + " answered HTTP " + response.statusCode()
                + (response.statusCode() == 401 || response.statusCode() == 403
                ? " (check the credentials of the settings.xml server zentoo.binhost.serverId)" : ""));
    }
}
