package org.zentoo.it;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.step.StepRunner;
import org.zentoo.step.Volumes;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.Mount;
import org.zentoo.seed.FetchOptions;
import org.zentoo.seed.SeedException;
import org.zentoo.seed.TarballSeedFetcher;
import org.zentoo.snapshot.Overlay;
import org.zentoo.snapshot.RepositorySnapshot;
import org.zentoo.step.SnapshotVolumes;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot tarball of the fixture repository (it/stage/repo), signed with a key
 * made for the test, fills a repository volume once; Portage in the test stage
 * then sees the repository from the volume. Only loopback traffic.
 */
class RepositorySnapshotIT {

    private static final String MACHINE = "snap";
    /** A file only the packed snapshot has, so the test knows the volume holds the tarball, not the stage's own copy. */
    private static final String PROOF = "metadata/zentoo-it-snapshot";

    @TempDir
    Path dir;

    private DockerEngine engine;
    private Volumes volumes;
    private TestGpg gpg;
    private Path tarball;
    private final List<String> console = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void packAndSignTheFixtureRepository() throws Exception {
        engine = TestStage.engine("zentoo-it-snapshot");
        volumes = new Volumes("zentoo-it-snap-" + engine.run().runId());
        gpg = TestGpg.generate(dir, "Zentoo Test Snapshots <snapshots@zentoo.invalid>");
        // Packed as Gentoo packs its snapshots: one top-level directory holding the repository.
        Path top = Files.createDirectories(dir.resolve("pack")).resolve("zentoo-test-20260101");
        TestGpg.run(dir, "cp", "-r", TestStage.itBasedir().resolve("stage/repo").toString(), top.toString());
        Files.writeString(top.resolve(PROOF), "from the snapshot tarball\n");
        tarball = dir.resolve("zentoo-test-20260101.tar.xz");
        TestGpg.run(dir, "tar", "-C", dir.resolve("pack").toString(), "--owner=0", "--group=0", "-cJf",
                tarball.toString(), "zentoo-test-20260101");
        gpg.signDetached(tarball, dir.resolve(tarball.getFileName() + ".gpgsig"));
    }

    @AfterEach
    void removeVolumesAndDisconnect() throws Exception {
        for (String volume : DockerCli.list("volume", "ls", "-q", "--filter", "name=" + volumes.prefix() + "-")) {
            engine.volumes().remove(volume);
        }
        engine.close();
    }

    private SnapshotVolumes snapshots(FetchOptions options, URI mirror) {
        StepRunner steps = new StepRunner(engine, dir.resolve("logs"), (m, l) -> console.add(l));
        return new SnapshotVolumes(steps, volumes, new TarballSeedFetcher(options), mirror, (m, l) -> console.add(l));
    }

    private FetchOptions options() {
        return SnapshotVolumes.fetchOptions().cacheDirectory(dir.resolve("cache")).keyring(gpg.keyring)
                .trustedFingerprints(Set.of(gpg.fingerprint)).offline(true).warnings(console::add);
    }

    private String ensure(SnapshotVolumes snapshots, String value) throws Exception {
        return snapshots.ensure(MACHINE, RepositorySnapshot.parse(value), List.of(), TestStage.IMAGE, "sha256:unused");
    }

    private List<String> inStage(String volume, String script) throws Exception {
        List<String> out = new ArrayList<>();
        int exit = engine.containers().run(new ContainerSpec(TestStage.IMAGE).machine(MACHINE)
                .mount(Mount.volume(volume, Volumes.REPOS_PATH, true)).script(script), out::add);
        assertEquals(0, exit, () -> script + "\n" + String.join("\n", out));
        return out;
    }

    @Test
    void aSignedFileSnapshotFillsItsVolumeOnceAndPortageSeesIt() throws Exception {
        String snapshot = "file:" + tarball;
        String volume = ensure(snapshots(options(), null), snapshot);

        String sha512 = TestGpg.run(dir, "sha512sum", tarball.toString()).substring(0, 12);
        assertEquals(volumes.repos("sha512-" + sha512), volume);
        assertTrue(console.stream().anyMatch(l -> l.startsWith("filling volume " + volume)), console::toString);
        assertTrue(Files.readString(dir.resolve("logs/" + MACHINE + "-snapshot.log"))
                .contains("[zentoo] repository in zentoo-test ready in the volume"));

        // Portage reads the fixture repository from the volume: the tarball's copy, with nothing left over.
        List<String> seen = inStage(volume, "ls -A /var/db/repos; cat /var/db/repos/zentoo-test/" + PROOF
                + "; emerge --pretend --nodeps app-misc/hello");
        assertEquals(List.of(".zentoo-snapshot", ".zentoo-snapshot.lock", "zentoo-test"), seen.subList(0, 3));
        assertTrue(seen.contains("from the snapshot tarball"), seen::toString);
        assertTrue(seen.stream().anyMatch(l -> l.contains("app-misc/hello-1.0")), seen::toString);

        // A later run checks the local file again (that gives its volume) but finds the marker: nothing is extracted.
        console.clear();
        assertEquals(volume, ensure(snapshots(options(), null), snapshot));
        assertTrue(console.stream().anyMatch(l -> l.equals("snapshot " + snapshot + " already in volume " + volume)),
                console::toString);
        assertFalse(console.stream().anyMatch(l -> l.startsWith("filling volume")), console::toString);
    }

    @Test
    void anOverlayTarballNamedInReposConfJoinsTheSeedsRepositories() throws Exception {
        // A one-package overlay on top of the fixture repository, packed and signed like a snapshot.
        Path top = Files.createDirectories(dir.resolve("overlay-pack/mycorp-1"));
        Files.createDirectories(top.resolve("profiles"));
        Files.createDirectories(top.resolve("metadata"));
        Files.createDirectories(top.resolve("app-misc/extra"));
        Files.writeString(top.resolve("profiles/repo_name"), "mycorp\n");
        Files.writeString(top.resolve("metadata/layout.conf"), "masters = zentoo-test\nthin-manifests = true\n");
        Files.writeString(top.resolve("app-misc/extra/extra-1.0.ebuild"),
                "EAPI=8\nDESCRIPTION=\"only in the overlay\"\nSLOT=\"0\"\nLICENSE=\"MIT\"\nKEYWORDS=\"amd64\"\n");
        Path overlay = dir.resolve("mycorp-1.tar.gz");
        TestGpg.run(dir, "tar", "-C", dir.resolve("overlay-pack").toString(), "--owner=0", "--group=0", "-czf",
                overlay.toString(), "mycorp-1");
        gpg.signDetached(overlay, dir.resolve(overlay.getFileName() + ".gpgsig"));
        Path rendered = dir.resolve("rendered");
        String section = "[mycorp]\nlocation = /var/db/repos/mycorp\nzentoo-snapshot = file:" + overlay + "\n";
        Files.writeString(Files.createDirectories(rendered.resolve("etc/portage/repos.conf")).resolve("02-mycorp.conf"),
                section);
        List<Overlay> overlays = Overlay.read(rendered);
        String seedId = TestGpg.run(dir, "docker", "image", "inspect", "--format", "{{.Id}}", TestStage.IMAGE).strip();

        String volume = snapshots(options(), null).ensure(MACHINE, RepositorySnapshot.parse("seed"), overlays,
                TestStage.IMAGE, seedId);

        assertTrue(volume.startsWith(volumes.repos("seed-")) && volume.contains("-overlays-"), volume);
        List<String> seen = inStage(volume, "printf '" + section.replace("\n", "\\n") + "' > /etc/portage/repos.conf;"
                + " ls -A /var/db/repos; emerge --pretend --nodeps app-misc/extra app-misc/hello");
        assertEquals(List.of(".zentoo-snapshot", ".zentoo-snapshot.lock", "mycorp", "zentoo-test"), seen.subList(0, 4));
        assertTrue(seen.stream().anyMatch(l -> l.contains("app-misc/extra-1.0")), seen::toString);
        assertTrue(seen.stream().anyMatch(l -> l.contains("app-misc/hello-1.0")), seen::toString);

        console.clear();
        assertEquals(volume, snapshots(options(), null).ensure(MACHINE, RepositorySnapshot.parse("seed"), overlays,
                TestStage.IMAGE, seedId));
        assertTrue(console.stream().anyMatch(l -> l.contains("already in volume " + volume)), console::toString);
    }

    @Test
    void twoRunsFillingOneVolumeAtOnceBothGetTheWholeRepository() throws Exception {
        String snapshot = "file:" + tarball;
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Callable<String> run = () -> ensure(snapshots(options(), null), snapshot);
            List<Future<String>> runs = two.invokeAll(List.of(run, run));
            String volume = runs.get(0).get();
            assertEquals(volume, runs.get(1).get());
            List<String> seen = inStage(volume, "ls -A /var/db/repos; emerge --pretend --nodeps app-misc/hello");
            assertEquals(List.of(".zentoo-snapshot", ".zentoo-snapshot.lock", "zentoo-test"), seen.subList(0, 3));
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void aTamperedSnapshotIsRefusedBeforeAnyVolumeIsMade() throws Exception {
        byte[] bytes = Files.readAllBytes(tarball);
        bytes[bytes.length / 2] ^= 1;
        Files.write(tarball, bytes);

        SeedException refused = assertThrows(SeedException.class,
                () -> ensure(snapshots(options(), null), "file:" + tarball));

        assertEquals(SeedException.Problem.SIGNATURE_INVALID, refused.problem());
        assertTrue(refused.getMessage().contains(tarball.getFileName() + ".gpgsig"), refused.getMessage());
        assertEquals(List.of(), DockerCli.list("volume", "ls", "-q", "--filter", "name=" + volumes.prefix() + "-"),
                "no volume was made for refused bytes");
    }

    @Test
    void aDatedSnapshotComesFromTheMirrorOnceAndAHalfFilledVolumeIsFilledAgain() throws Exception {
        HttpServer mirror = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> requests = Collections.synchronizedList(new ArrayList<>());
        mirror.createContext("/gentoo/snapshots/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            Path file = dir.resolve(exchange.getRequestURI().getPath().replaceFirst(".*/gentoo-", "zentoo-test-"));
            byte[] body = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        mirror.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + mirror.getAddress().getPort() + "/gentoo/");
            FetchOptions online = options().offline(false);
            String volume = ensure(snapshots(online, base), "2026-01-01");
            assertEquals(volumes.repos("20260101"), volume);
            assertTrue(requests.contains("/gentoo/snapshots/gentoo-20260101.tar.xz"), requests::toString);
            assertTrue(requests.contains("/gentoo/snapshots/gentoo-20260101.tar.xz.gpgsig"), requests::toString);
            inStage(volume, "emerge --pretend --nodeps app-misc/hello");

            // A later run asks the mirror nothing.
            requests.clear();
            ensure(snapshots(online, base), "20260101");
            assertEquals(List.of(), requests);

            // A fill that died halfway left no marker, only its work directory, and no completion record
            // (only a finished fill writes one): the next run fills again.
            TestGpg.run(dir, "docker", "run", "--rm", "-v", volume + ":/r", TestStage.IMAGE, "bash", "-c",
                    "rm /r/.zentoo-snapshot && mkdir /r/.zentoo-fill.dead && touch /r/.zentoo-fill.dead/half");
            TestGpg.run(dir, "docker", "volume", "rm", volume + ".complete");
            console.clear();
            ensure(snapshots(online, base), "2026-01-01");
            assertTrue(console.stream().anyMatch(l -> l.startsWith("filling volume " + volume)), console::toString);
            assertEquals(List.of(".zentoo-snapshot", ".zentoo-snapshot.lock", "zentoo-test"),
                    inStage(volume, "ls -A /var/db/repos"));
        } finally {
            mirror.stop(0);
        }
    }
}
