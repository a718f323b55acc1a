package org.zentoo.changes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.archive.ArchiveFormat;
import org.zentoo.archive.StageArchiver;
import org.zentoo.lock.LockedPackage;
import org.zentoo.lock.MachineLock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records read from tarballs the real archiver packs, as zentoo:assemble and zentoo:kernel pack them. */
class StageRecordsTest {

    @TempDir
    Path work;

    private static void write(Path root, String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private Path stage(String name, boolean greeting, boolean systemd) throws IOException {
        Path root = work.resolve(name + "-root");
        write(root, "var/lib/zentoo/packages.txt", "app-misc/hello-1.0::zentoo-test USE=\"colour "
                + (greeting ? "" : "-") + "greeting\"\napp-misc/world-1.0-r1::zentoo-test USE=\"\"\n");
        write(root, "var/lib/zentoo/seed", "zentoo/test-stage:abc sha256:1234\n");
        write(root, "etc/motd", greeting ? "hello\n" : "hi\n");
        write(root, "etc/init.d/hello-world", "#!/sbin/openrc-run\n");
        write(root, "usr/bin/caps-suid", "binary");
        Files.setPosixFilePermissions(root.resolve("usr/bin/caps-suid"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setAttribute(root.resolve("usr/bin/caps-suid"), "unix:mode", 04711);
        write(root, "usr/bin/wall", "binary");
        Files.setAttribute(root.resolve("usr/bin/wall"), "unix:mode", 02755);
        Files.createDirectories(root.resolve("var/log/journal"));
        Files.setAttribute(root.resolve("var/log/journal"), "unix:mode", 02755);
        if (systemd) {
            Path wants = root.resolve("etc/systemd/system/multi-user.target.wants");
            Files.createDirectories(wants);
            Files.createSymbolicLink(wants.resolve("hello-world.service"), Path.of("/lib/systemd/system/hello-world.service"));
        } else {
            Path level = root.resolve("etc/runlevels/default");
            Files.createDirectories(level);
            Files.createSymbolicLink(level.resolve("hello-world"), Path.of("/etc/init.d/hello-world"));
        }
        Path tarball = work.resolve("stage3-" + name + ".tar.zst");
        new StageArchiver(ArchiveFormat.TAR_ZST, Instant.parse("2026-01-01T00:00:00Z")).packDirectory(root, tarball);
        return tarball;
    }

    @Test
    void aStageTarballGivesPackagesSeedEtcSetidAndServices() throws IOException {
        StageRecord r = StageRecords.fromStage(stage("m1", true, false));
        assertEquals("stage3-m1.tar.zst", r.source());
        assertEquals(List.of("app-misc/hello-1.0::zentoo-test USE=\"colour greeting\"",
                "app-misc/world-1.0-r1::zentoo-test USE=\"\""), r.packages().orElseThrow().stream()
                .map(InstalledPackage::line).toList());
        assertEquals(new StageRecord.Pinned("zentoo/test-stage:abc", "sha256:1234"), r.seed().orElseThrow());
        assertEquals(Set.of("openrc:default/hello-world"), r.services().orElseThrow());
        Map<String, String> etc = r.etc().orElseThrow();
        assertTrue(etc.get("/etc/motd").matches("file 0644 \\d+:\\d+ sha256:[0-9a-f]{16}"), etc.toString());
        assertEquals("symlink -> /etc/init.d/hello-world", etc.get("/etc/runlevels/default/hello-world"));
        assertTrue(etc.get("/etc").startsWith("dir 0755 "), etc.toString());
        Map<String, String> setid = r.setid().orElseThrow();
        assertEquals(Set.of("/usr/bin/caps-suid", "/usr/bin/wall"), setid.keySet(), "no directory: " + setid);
        assertTrue(setid.get("/usr/bin/caps-suid").startsWith("4711 "), setid.toString());
        assertTrue(r.snapshot().isEmpty());
        assertEquals(r, StageRecords.fromJson(StageRecords.toJson(r), "m1.record.json"));
    }

    @Test
    void twoStagesCompared() throws IOException {
        StageRecord before = StageRecords.fromStage(stage("a", false, false));
        StageRecord after = StageRecords.fromStage(stage("b", true, true));
        Changes c = Changes.between("m1", before, after, UseOrigins.NONE);
        assertEquals(List.of(new Changes.UseChange("app-misc/hello", "1.0", "greeting", false, true,
                "origin not known")), c.use());
        assertEquals(List.of(new Changes.ServiceChange(true, "systemd:multi-user.target.wants/hello-world.service"),
                new Changes.ServiceChange(false, "openrc:default/hello-world")), c.services());
        assertEquals(Changes.FileKind.CHANGED, c.etcPaths().get("/etc/motd"));
        assertEquals(List.of(), c.setid());
        assertEquals(List.of("snapshot: the previous record (stage3-a.tar.zst) does not have it"), c.notCompared());
    }

    @Test
    void aKernelTarballGivesItsConfig() throws IOException {
        Path root = work.resolve("kernel-root");
        write(root, "boot/config-6.1.0-zentoo", "CONFIG_64BIT=y\nCONFIG_VIRTIO_NET=y\n# CONFIG_DEBUG_KERNEL is not set\n");
        write(root, "lib/modules/6.1.0-zentoo/config", "CONFIG_OTHER=y\n");
        Path tarball = work.resolve("kernel-m1.tar.xz");
        new StageArchiver(ArchiveFormat.TAR_XZ, Instant.EPOCH).packDirectory(root, tarball);
        StageRecord.KernelConfig k = StageRecords.fromKernel(tarball).orElseThrow();
        assertEquals(StageRecord.KernelConfig.ARTIFACT, k.source());
        assertEquals(Map.of("CONFIG_64BIT", "y", "CONFIG_VIRTIO_NET", "y", "CONFIG_DEBUG_KERNEL", "n"), k.options());
        Path empty = work.resolve("none-root");
        write(empty, "boot/vmlinuz", "x");
        Path none = work.resolve("none.tar.xz");
        new StageArchiver(ArchiveFormat.TAR_XZ, Instant.EPOCH).packDirectory(empty, none);
        assertEquals(Optional.empty(), StageRecords.fromKernel(none));
    }

    @Test
    void aLockRecordKnowsPackagesSeedAndSnapshotOnly() {
        MachineLock lock = new MachineLock("m1", "gentoo/stage3:amd64-openrc", "sha256:" + "a".repeat(64), "20260101",
                "sha512:" + "b".repeat(128), "sha256:" + "c".repeat(64), "amd64-x", Optional.empty(),
                MachineLock.byName(List.of(new LockedPackage("app-misc/hello-1.0-r2", "gentoo", "d".repeat(64),
                        List.of("colour", "-greeting")))));
        StageRecord r = StageRecords.fromLock(lock);
        assertEquals("zentoo.lock", r.source());
        InstalledPackage hello = r.packages().orElseThrow().get(0);
        assertEquals("1.0-r2", hello.version());
        assertEquals(Map.of("colour", true, "greeting", false), hello.flags());
        assertEquals("20260101", r.snapshot().orElseThrow().value());
        assertFalse(r.etc().isPresent());
        Changes c = Changes.between("m1", r, r, UseOrigins.NONE);
        assertTrue(c.unchanged());
        assertTrue(ChangesReport.text(c).contains("no change\nNot compared:\n  /etc: the previous record (zentoo.lock)"
                + " does not have it\n"), ChangesReport.text(c));
    }
}
