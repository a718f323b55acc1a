package org.zentoo.binhost;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HttpTarget against a small WebDAV-like server on loopback: what it sends, in which order, with which credentials. */
class HttpTargetTest {

    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("pub:s3cr3t".getBytes());

    private HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, byte[]> files = Collections.synchronizedMap(new HashMap<>());
    private final List<String> collections = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(method + " " + path);
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status;
            if (!method.equals("GET") && !AUTH.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
            } else if (method.equals("MKCOL")) {
                status = collections.contains(path) ? 405 : 201;
                collections.add(path);
            } else if (method.equals("PUT")) {
                String parent = path.substring(0, path.lastIndexOf('/') + 1);
                status = collections.contains(parent) ? 201 : 409;
                if (status == 201) {
                    files.put(path, body);
                }
            } else {
                byte[] content = files.get(path);
                status = content == null ? 404 : 200;
                body = content == null ? new byte[0] : content;
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/binhost/x86_64-abc/");
    }

    @Test
    void publishesWithMkcolAndPutThenNothingTheSecondTime(@TempDir Path dir) throws IOException {
        Path partition = dir.resolve("p");
        Files.createDirectories(partition.resolve("app-misc/hello"));
        Files.writeString(partition.resolve("Packages"), "PACKAGES: 1\n");
        Files.writeString(partition.resolve("app-misc/hello/hello-1.0-1.gpkg.tar"), "gpkg");

        new BinhostPublisher(new HttpTarget(base(), "pub", "s3cr3t")).publish(partition);
        assertEquals(List.of("GET /binhost/x86_64-abc/zentoo-sha256sums",
                "MKCOL /binhost/", "MKCOL /binhost/x86_64-abc/",
                "MKCOL /binhost/x86_64-abc/app-misc/", "MKCOL /binhost/x86_64-abc/app-misc/hello/",
                "PUT /binhost/x86_64-abc/app-misc/hello/hello-1.0-1.gpkg.tar",
                "PUT /binhost/x86_64-abc/Packages", "PUT /binhost/x86_64-abc/zentoo-sha256sums"), requests);
        assertArrayEquals("gpkg".getBytes(StandardCharsets.UTF_8),
                files.get("/binhost/x86_64-abc/app-misc/hello/hello-1.0-1.gpkg.tar"));

        requests.clear();
        BinhostPublisher.Report again = new BinhostPublisher(new HttpTarget(base(), "pub", "s3cr3t")).publish(partition);
        assertEquals(List.of("GET /binhost/x86_64-abc/zentoo-sha256sums"), requests);
        assertEquals(0, again.uploaded());
    }

    @Test
    void aWrongPasswordFailsNamingTheServerParameterNotThePassword(@TempDir Path dir) throws IOException {
        Path partition = dir.resolve("p");
        Files.createDirectories(partition);
        Files.writeString(partition.resolve("Packages"), "PACKAGES: 0\n");
        IOException e = assertThrows(IOException.class,
                () -> new BinhostPublisher(new HttpTarget(base(), "pub", "wrong-pass")).publish(partition));
        assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("zentoo.binhost.serverId"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("wrong-pass"));
    }
}
