package org.zentoo.step;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store's URLs, and store.py's upload plan run by the host's python3 on two
 * Packages indexes: the one the server has, the one Portage wrote after the build.
 */
class BinhostStoreTest {

    @TempDir
    Path dir;

    private final BinhostStore store = new BinhostStore(URI.create("http://binhost.example:8080/zentoo"));

    @Test
    void partitionsAndStagingPathsAreBelowTheBinhostUrl() {
        assertEquals("http://binhost.example:8080/zentoo/x86-64-abc/", store.partitionUrl("x86-64-abc"));
        assertEquals("http://binhost.example:8080/zentoo/.zentoo-staging/20261206-0700-1a2b/",
                store.stagingDirectory("20261206-0700-1a2b"));
        assertEquals("http://binhost.example:8080/zentoo/.zentoo-staging/20261206-0700-1a2b/web-1.tar",
                store.stagingUrl("20261206-0700-1a2b", "web-1"));
        // A base with its own trailing slash gives the same URLs.
        assertEquals(store.stagingUrl("r", "m"),
                new BinhostStore(URI.create("http://binhost.example:8080/zentoo/")).stagingUrl("r", "m"));
    }

    @Test
    void aSegmentThatWouldLeaveItsDirectoryIsRefused() {
        for (String bad : List.of("..", "../m1", "a/b", ".hidden", "", "-x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.stagingUrl("run", bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> store.partitionUrl("../other"));
        assertThrows(IllegalArgumentException.class, () -> new BinhostStore(URI.create("file:///var/binhost")));
    }

    @Test
    void binreposConfNamesThePartitionAndVerifiesSignaturesWhenTheSiteSigns() {
        String signed = BinhostStore.binreposConf(store.partitionUrl("p1"), true);
        assertTrue(signed.contains("\nsync-uri = http://binhost.example:8080/zentoo/p1/\n"), signed);
        assertTrue(signed.contains("\nverify-signature = true\n"), signed);
        assertTrue(signed.contains("\nfetchcommand = python3 " + BinhostStore.HELPER_PATH
                + " fetch \"${URI}\" \"${DISTDIR}/${FILE}\"\n"), signed);
        assertTrue(BinhostStore.binreposConf(store.partitionUrl("p1"), false).contains("\nverify-signature = false\n"));
    }

    @Test
    void credentialsAreAFileNeverAValue() {
        String upload = store.upload("p1");
        assertEquals("ZENTOO_STORE_CREDENTIALS=/run/secrets/zentoo-binhost python3 " + BinhostStore.HELPER_PATH
                + " upload \"$PKGDIR\" 'http://binhost.example:8080/zentoo/p1/'", upload);
    }

    @Test
    void newInstancesGoFirstThePackagesIndexLastAndTheIndexKeepsEveryRemoteEntry() throws Exception {
        String remote = index(2, stanza("app-misc/hello-1.0", "app-misc/hello/hello-1.0-1.gpkg.tar"),
                stanza("app-misc/world-1.0", "app-misc/world/world-1.0-1.gpkg.tar"));
        // Portage's index after the build: hello fetched (its remote PATH), a second hello
        // instance and clock built (build ids past the remote ones); world was not needed.
        String local = index(3, stanza("app-misc/clock-2.0", "app-misc/clock/clock-2.0-1.gpkg.tar"),
                stanza("app-misc/hello-1.0", "app-misc/hello/hello-1.0-1.gpkg.tar"),
                stanza("app-misc/hello-1.0", "app-misc/hello/hello-1.0-2.gpkg.tar"));
        List<String> out = plan(remote, local);
        int separator = out.indexOf("--");
        assertEquals(List.of("app-misc/clock/clock-2.0-1.gpkg.tar", "app-misc/hello/hello-1.0-2.gpkg.tar",
                "Packages"), out.subList(0, separator));
        List<String> merged = out.subList(separator + 1, out.size());
        assertEquals(List.of("PATH: app-misc/clock/clock-2.0-1.gpkg.tar", "PATH: app-misc/hello/hello-1.0-1.gpkg.tar",
                        "PATH: app-misc/hello/hello-1.0-2.gpkg.tar", "PATH: app-misc/world/world-1.0-1.gpkg.tar"),
                merged.stream().filter(l -> l.startsWith("PATH: ")).toList());
        assertTrue(merged.contains("PACKAGES: 4"), merged::toString);
    }

    @Test
    void anEmptyServerGetsEveryInstanceThenItsFirstIndex() throws Exception {
        String local = index(1, stanza("app-misc/hello-1.0", "app-misc/hello/hello-1.0-1.gpkg.tar"));
        List<String> out = plan("", local);
        assertEquals(List.of("app-misc/hello/hello-1.0-1.gpkg.tar", "Packages", "--"), out.subList(0, 3));
    }

    private static String index(int packages, String... stanzas) {
        return "ARCH: amd64\nPACKAGES: " + packages + "\nTIMESTAMP: 1767225600\nVERSION: 0\n\n"
                + String.join("", stanzas);
    }

    @Test
    void stagingMakesOnlyTheStagingCollectionsSoAStagerNeedNotWriteTheBinhostItself() throws Exception {
        List<String> requests = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("MKCOL") ? 405 : 201, -1);
            exchange.close();
        });
        server.start();
        try {
            Path helper = dir.resolve("store.py");
            Files.writeString(helper, BinhostStore.HELPER, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("credentials"), "stager:secret\n", StandardCharsets.UTF_8);
            String url = new BinhostStore(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/site/binhost")).stagingUrl("100-abc", "m1");
            ProcessBuilder pb = new ProcessBuilder("python3", helper.toString(), "stage", url)
                    .redirectErrorStream(true);
            pb.environment().put("ZENTOO_STORE_CREDENTIALS", dir.resolve("credentials").toString());
            Process p = pb.start();
            p.getOutputStream().write("a root's tar".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
        } finally {
            server.stop(0);
        }
        assertEquals(List.of("MKCOL /site/binhost/.zentoo-staging/", "MKCOL /site/binhost/.zentoo-staging/100-abc/",
                "PUT /site/binhost/.zentoo-staging/100-abc/m1.tar"), requests);
    }

    private static String stanza(String cpv, String path) {
        return "BUILD_ID: " + path.replaceAll(".*-(\\d+)\\.gpkg\\.tar", "$1") + "\nCPV: " + cpv
                + "\nMD5: 0\nPATH: " + path + "\nSIZE: 1\n\n";
    }

    private List<String> plan(String remote, String local) throws Exception {
        Path helper = dir.resolve("store.py");
        Files.writeString(helper, BinhostStore.HELPER, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("remote"), remote, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("local"), local, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("python3", helper.toString(), "plan", dir.resolve("remote").toString(),
                dir.resolve("local").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return Arrays.asList(out.split("\n"));
    }
}
