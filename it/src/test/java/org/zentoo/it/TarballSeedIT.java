package org.zentoo.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.ImageInfo;
import org.zentoo.seed.FetchOptions;
import org.zentoo.seed.SeedException;
import org.zentoo.step.SeedImages;
import org.zentoo.seed.TarballSeedFetcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stage3 tarball seed, signed with a real gpg key: verified, imported once as an
 * image labelled with its SHA512, and usable as a build root. A tampered tarball
 * is refused before anything reaches Docker.
 */
class TarballSeedIT {

    @TempDir
    Path dir;

    private static String run(Path cwd, String... cmd) throws IOException, InterruptedException {
        return TestGpg.run(cwd, cmd);
    }

    @Test
    void aSignedStageTarballBecomesASeedImageOnce() throws Exception {
        TestGpg gpg = TestGpg.generate(dir, "Zentoo Test Releng <releng@zentoo.invalid>");

        // A stage3 made from the test stage's root, as releng would publish it.
        String name = "stage3-amd64-zentoo-test.tar.gz";
        String id = run(dir, "docker", "create", TestStage.IMAGE, "true").strip();
        try {
            run(dir, "bash", "-c", "docker export " + id + " | gzip -1 > " + name);
        } finally {
            run(dir, "docker", "rm", "-f", id);
        }
        String sha512 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(dir.resolve(name))));
        Files.writeString(dir.resolve(name + ".DIGESTS"), "# SHA512 HASH\n" + sha512 + "  " + name + "\n");
        gpg.signDetached(dir.resolve(name), dir.resolve(name + ".asc"));

        FetchOptions options = new FetchOptions().cacheDirectory(dir.resolve("cache"))
                .keyring(gpg.keyring).trustedFingerprints(Set.of(gpg.fingerprint)).offline(true);
        String seed = "file:" + dir.resolve(name);
        try (DockerEngine engine = TestStage.engine("zentoo-it-seed")) {
            List<String> progress = new ArrayList<>();
            SeedImages.ResolvedSeed first = new SeedImages(engine, new TarballSeedFetcher(options), true)
                    .resolve(seed, progress::add);
            try {
                assertEquals("sha512:" + sha512, first.digest());
                assertTrue(first.image().startsWith("zentoo/seed:" + sha512.substring(0, 32)), first.image());
                ImageInfo info = engine.images().inspect(first.image()).orElseThrow();
                assertEquals("sha512:" + sha512, info.labels().get("org.zentoo.inputs"));
                assertTrue(progress.stream().anyMatch(l -> l.startsWith("importing seed")), progress::toString);

                List<String> out = new ArrayList<>();
                assertEquals(0, engine.containers().run(new ContainerSpec(first.image()).script("emerge --version"), out::add));
                assertTrue(out.stream().anyMatch(l -> l.startsWith("Portage 3.0.83")), out::toString);

                // A second run finds the image by its SHA512 and imports nothing.
                List<String> again = new ArrayList<>();
                SeedImages.ResolvedSeed second = new SeedImages(engine, new TarballSeedFetcher(options), true)
                        .resolve(seed, again::add);
                assertEquals(first.id(), second.id());
                assertTrue(again.stream().noneMatch(l -> l.startsWith("importing seed")), again::toString);

                // One flipped byte later, the same seed is refused with what failed.
                byte[] bytes = Files.readAllBytes(dir.resolve(name));
                bytes[bytes.length / 2] ^= 1;
                Files.write(dir.resolve(name), bytes);
                SeedException e = assertThrows(SeedException.class, () ->
                        new SeedImages(engine, new TarballSeedFetcher(options), true).resolve(seed, l -> { }));
                assertEquals(SeedException.Problem.DIGEST_MISMATCH, e.problem(), e::getMessage);
                String flipped = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
                assertTrue(e.getMessage().contains("expects " + sha512 + ", the file has " + flipped), e.getMessage());
            } finally {
                run(dir, "docker", "rmi", "-f", first.image());
            }
        }
    }
}
