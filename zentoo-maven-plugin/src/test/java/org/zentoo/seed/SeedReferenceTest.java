package org.zentoo.seed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedReferenceTest {

    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @Test
    void dockerHubImageWithTag() throws SeedException {
        ImageSeed image = assertInstanceOf(ImageSeed.class, SeedReference.parse("gentoo/stage3:amd64-openrc"));

        assertNull(image.registry());
        assertEquals("gentoo/stage3", image.repository());
        assertEquals("amd64-openrc", image.tag());
        assertNull(image.digest());
        assertEquals("gentoo/stage3:amd64-openrc", image.value());
    }

    @Test
    void registryWithPortTagAndDigest() throws SeedException {
        ImageSeed image = assertInstanceOf(ImageSeed.class,
                SeedReference.parse("registry.example.org:5000/zentoo/stage3:2026-01@" + DIGEST));

        assertEquals("registry.example.org:5000", image.registry());
        assertEquals("zentoo/stage3", image.repository());
        assertEquals("2026-01", image.tag());
        assertEquals(DIGEST, image.digest());
    }

    @ParameterizedTest
    @CsvSource({
            "localhost/stage3:x, localhost, stage3",
            "localhost:5000/stage3:x, localhost:5000, stage3",
            "stage3:x, , stage3",
            "gentoo/stage3@" + "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" + ", , gentoo/stage3",
    })
    void registryIsRecognisedAsDockerDoes(String value, String registry, String repository) throws SeedException {
        ImageSeed image = assertInstanceOf(ImageSeed.class, SeedReference.parse(value));

        assertEquals(registry, image.registry());
        assertEquals(repository, image.repository());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gentoo/stage3                               | neither a tag nor a digest",
            "gentoo/stage3:x:y                            | name component 'stage3:x'",
            "exa_mple.org/stage3:x                        | registry 'exa_mple.org'",
            "gentoo/Stage3:x                              | name component 'Stage3'",
            "gentoo//stage3:x                             | name component ''",
            "gentoo/stage3:-bad                           | tag '-bad'",
            "gentoo/stage3@sha256:abc                     | digest 'sha256:abc'",
            "gentoo/stage3@md5:0123456789abcdef0123456789abcdef | digest",
            "ftp://example.org/stage3.tar.xz              | unsupported URL scheme",
            "/srv/stage3-amd64.tar.xz                     | file:/srv/stage3-amd64.tar.xz",
            "stage3-amd64.tar.xz                          | file:stage3-amd64.tar.xz",
            "https://example.org/stage3.iso               | must end with one of .tar.xz",
            "https:///stage3.tar.xz                       | no host",
            "https://example.org/stage3.tar.xz#frag       | fragment",
            "file://otherhost/srv/stage3.tar.xz           | host 'otherhost'",
            "file:                                        | empty",
    })
    void invalidValuesAreExplained(String value, String explanation) {
        SeedException error = assertThrows(SeedException.class, () -> SeedReference.parse(value));

        assertEquals(SeedException.Problem.BAD_REFERENCE, error.problem());
        assertTrue(error.getMessage().contains(explanation), error.getMessage());
        assertTrue(error.getMessage().contains("expected"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptySeedIsRefused(String value) {
        SeedException error = assertThrows(SeedException.class, () -> SeedReference.parse(value));

        assertTrue(error.getMessage().startsWith("SEED is empty"), error.getMessage());
    }

    @Test
    void httpsTarballKeepsItsUrlAndName() throws SeedException {
        String url = "https://distfiles.gentoo.org/releases/amd64/autobuilds/20260101T170000Z/"
                + "stage3-amd64-openrc-20260101T170000Z.tar.xz";
        TarballSeed seed = assertInstanceOf(TarballSeed.class, SeedReference.parse(url));

        assertEquals(URI.create(url), seed.url());
        assertEquals("stage3-amd64-openrc-20260101T170000Z.tar.xz", seed.fileName());
        assertEquals(".tar.xz", seed.suffix());
        assertEquals(URI.create(url + ".DIGESTS"), seed.siblingUrl(".DIGESTS"));
    }

    @Test
    void siblingUrlKeepsEscapesAndQuery() throws SeedException {
        TarballSeed seed = (TarballSeed) SeedReference.parse("http://127.0.0.1:8080/a%20b/stage3.tar.bz2?token=x");

        assertEquals(URI.create("http://127.0.0.1:8080/a%20b/stage3.tar.bz2.asc?token=x"), seed.siblingUrl(".asc"));
        assertEquals(".tar.bz2", seed.suffix());
    }

    @ParameterizedTest
    @CsvSource({
            "file:/srv/seeds/stage3.tar.xz, /srv/seeds/stage3.tar.xz",
            "file:///srv/seeds/stage3.tar.xz, /srv/seeds/stage3.tar.xz",
            "file://localhost/srv/seeds/stage3.tar.xz, /srv/seeds/stage3.tar.xz",
            "file:seeds/stage3.tar.gz, seeds/stage3.tar.gz",
    })
    void fileSeedsKeepTheirPath(String value, String path) throws SeedException {
        TarballSeed seed = assertInstanceOf(TarballSeed.class, SeedReference.parse(value));

        assertTrue(seed.isLocal());
        assertEquals(Path.of(path), seed.file());
    }

    @Test
    void relativeFileSeedIsResolvedAgainstTheSite() throws SeedException {
        TarballSeed seed = (TarballSeed) SeedReference.parse("file:seeds/../seeds/stage3.tar");

        assertEquals(Path.of("/site/seeds/stage3.tar"), seed.resolveFile(Path.of("/site")));
    }
}
