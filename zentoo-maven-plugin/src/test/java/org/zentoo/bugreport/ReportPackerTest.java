package org.zentoo.bugreport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report tarball: the same content gives the same bytes whatever the files' times,
 * GNU tar reads it (sorted, numeric owners, clamped mtimes), and neither an undeclared
 * file nor a secret value gets in.
 */
class ReportPackerTest {

    static final Instant CLAMP = Instant.parse("2026-01-01T00:00:00Z");
    static final List<String> DECLARED = List.of("build.log", "environment", "etc-portage/", "README.txt");
    static final String PASSWORD = "it-signing-passphrase-7c1d";
    static final String KEY = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGZ1c2VyX2tleV9saW5lX29uZQ==\n"
            + "=AbCd\n-----END PGP PRIVATE KEY BLOCK-----\n";

    /** A report directory {@code <base>/app-misc/broken-1.0} as a failed build leaves it. */
    static Path report(Path base, long mtime) throws IOException {
        Path dir = base.resolve("app-misc/broken-1.0");
        Files.createDirectories(dir.resolve("etc-portage/package.use"));
        Files.writeString(dir.resolve("build.log"), "broken.c:1:1: error: this fixture fails on purpose\n");
        Files.writeString(dir.resolve("environment"), "declare -x ZENTOO_IT_TOKEN=\"" + PASSWORD + "\"\n");
        Files.writeString(dir.resolve("etc-portage/package.use/10-web"), "# set web\napp-misc/hello greeting\n");
        Files.createSymbolicLink(dir.resolve("etc-portage/make.profile"),
                Path.of("../../var/db/repos/gentoo/profiles/default"));
        Files.writeString(dir.resolve("README.txt"), "paste here\n");
        // what must never get in: a copy of the signing key, not a declared name
        Files.writeString(dir.resolve("secret.asc"), KEY);
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setLastModifiedTime(p, FileTime.fromMillis(mtime));
                }
            }
        }
        return dir;
    }

    static Secrets secrets() {
        return Secrets.of(List.of(PASSWORD)).andKey(KEY.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void theSameReportGivesTheSameBytesWhateverItsTimes(@TempDir Path tmp) throws IOException {
        ReportPacker packer = new ReportPacker(CLAMP, secrets());
        Path a = packer.pack(report(tmp.resolve("a"), System.currentTimeMillis()), DECLARED, tmp.resolve("a.tar.gz"))
                .tarball();
        Path b = packer.pack(report(tmp.resolve("b"), System.currentTimeMillis() + 86_400_000L), DECLARED,
                tmp.resolve("b.tar.gz")).tarball();
        byte[] bytes = Files.readAllBytes(a);
        assertArrayEquals(bytes, Files.readAllBytes(b));
        // gzip -n: no file name flag, no time in the header
        assertEquals(0, bytes[3] & 0x08, "FNAME flag");
        assertArrayEquals(new byte[4], Arrays.copyOfRange(bytes, 4, 8), "gzip header mtime");
    }

    @Test
    void gnuTarListsOnlyTheDeclaredFilesSortedWithNumericOwnersAndTheClampedTime(@TempDir Path tmp)
            throws IOException, InterruptedException {
        Path dir = report(tmp.resolve("r"), System.currentTimeMillis());
        ownedBySomeone(dir);
        ReportPacker.Packed packed = new ReportPacker(CLAMP, secrets()).pack(dir, DECLARED, tmp.resolve("r.tar.gz"));
        assertEquals(List.of("secret.asc"), packed.leftOut());
        List<String> names = tar("-tzf", packed.tarball().toString());
        assertEquals(List.of("./", "./broken-1.0/", "./broken-1.0/README.txt", "./broken-1.0/build.log",
                "./broken-1.0/environment", "./broken-1.0/etc-portage/", "./broken-1.0/etc-portage/make.profile",
                "./broken-1.0/etc-portage/package.use/", "./broken-1.0/etc-portage/package.use/10-web"), names);
        for (String line : tar("--numeric-owner", "--full-time", "-tvzf", packed.tarball().toString())) {
            assertTrue(line.contains(" 0/0 "), line);
            assertTrue(line.contains(" 2026-01-01 00:00:00 "), line);
        }
    }

    @Test
    void noSecretValueReachesTheTarball(@TempDir Path tmp) throws IOException, InterruptedException {
        Path dir = report(tmp.resolve("r"), System.currentTimeMillis());
        Files.writeString(dir.resolve("build.log"), "key line lQOYBGZ1c2VyX2tleV9saW5lX29uZQ== printed\n",
                java.nio.file.StandardOpenOption.APPEND);
        ReportPacker.Packed packed = new ReportPacker(CLAMP, secrets()).pack(dir, DECLARED, tmp.resolve("r.tar.gz"));
        assertEquals(List.of("build.log", "environment"), packed.screened());
        Path out = tmp.resolve("gnu");
        Files.createDirectories(out);
        tar("-xzf", packed.tarball().toString(), "-C", out.toString());
        try (var walk = Files.walk(out)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f);
                assertFalse(text.contains(PASSWORD) || text.contains("lQOYBGZ1c2VyX2tleV9saW5lX29uZQ=="), f + ": " + text);
            }
        }
        assertTrue(Files.readString(out.resolve("broken-1.0/environment")).contains(Secrets.MARK));
        assertFalse(Files.exists(out.resolve("broken-1.0/secret.asc")));
    }

    @Test
    void unpacksWhatItPackedAndRefusesNamesOutsideItsDirectory(@TempDir Path tmp) throws IOException,
            InterruptedException {
        Path dir = report(tmp.resolve("r"), System.currentTimeMillis());
        Path tarball = new ReportPacker(CLAMP, Secrets.NONE).pack(dir, DECLARED, tmp.resolve("r.tar.gz")).tarball();
        Path unpacked = ReportPacker.unpack(tarball, tmp.resolve("u"));
        assertEquals(tmp.resolve("u/broken-1.0").toAbsolutePath(), unpacked);
        assertEquals(Files.readString(dir.resolve("build.log")), Files.readString(unpacked.resolve("build.log")));
        assertEquals(Path.of("../../var/db/repos/gentoo/profiles/default"),
                Files.readSymbolicLink(unpacked.resolve("etc-portage/make.profile")));

        Path evil = tmp.resolve("evil");
        Files.createDirectories(evil.resolve("a"));
        Files.writeString(tmp.resolve("escaped"), "x");
        tar("-czf", tmp.resolve("evil.tar.gz").toString(), "-C", evil.resolve("a").toString(), "--absolute-names",
                "../../escaped");
        IOException e = assertThrows(IOException.class,
                () -> ReportPacker.unpack(tmp.resolve("evil.tar.gz"), tmp.resolve("v")));
        assertTrue(e.getMessage().contains("leaves the directory"), e.getMessage());
    }

    @Test
    void declaredNamesCoverTheirDirectories() {
        assertTrue(ReportPacker.isDeclared(DECLARED, "etc-portage", true));
        assertTrue(ReportPacker.isDeclared(DECLARED, "etc-portage/env/x", false));
        assertTrue(ReportPacker.isDeclared(List.of("a/b.txt"), "a", true));
        assertFalse(ReportPacker.isDeclared(DECLARED, "build.log.old", false));
        assertFalse(ReportPacker.isDeclared(DECLARED, "etc-portage-copy", true));
    }

    /** Files of another owner than root: as root, chowned; as a user, they are the user's already. */
    static void ownedBySomeone(Path dir) throws IOException {
        if (!Files.getAttribute(dir, "unix:uid").equals(0)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                Files.setAttribute(p, "unix:uid", 4321, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", 4321, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    static List<String> tar(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("tar"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out.lines().toList();
    }
}
