package org.zentoo.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.lock.Lock;
import org.zentoo.lock.LockException;
import org.zentoo.lock.LockFile;
import org.zentoo.lock.LockedPackage;
import org.zentoo.lock.MachineLock;
import org.zentoo.machine.Machine;
import org.zentoo.seed.SeedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiteLockTest {

    private static final String SEED_A = "sha256:" + "a".repeat(64);
    private static final String SEED_B = "sha256:" + "b".repeat(64);
    private static final String CONFIG = "sha256:" + "c".repeat(64);
    private static final String OTHER_CONFIG = "sha256:" + "d".repeat(64);
    private static final String HELLO = "1".repeat(64);

    @TempDir
    Path dir;

    private final List<String> lines = new ArrayList<>();
    private final PipelineSettings.Console console = new PipelineSettings.Console() {
        @Override
        public void info(String machine, String line) {
            lines.add("[" + machine + "] " + line);
        }

        @Override
        public void warn(String machine, String line) {
            lines.add("WARN [" + machine + "] " + line);
        }

        @Override
        public void info(String line) {
            lines.add(line);
        }
    };

    private Path locked() throws Exception {
        Path file = dir.resolve(LockFile.NAME);
        LockFile.write(file, new Lock(Map.of(
                "web01", record("web01", SEED_A, CONFIG),
                "gone", record("gone", SEED_A, CONFIG))));
        return file;
    }

    private static MachineLock record(String id, String seed, String config) {
        return new MachineLock(id, "gentoo/stage3:amd64-openrc", seed, "seed", seed, config, "p1", "linux/amd64",
                Optional.empty(),
                MachineLock.byName(List.of(new LockedPackage("app-misc/hello-1.0", "gentoo", HELLO,
                        List.of("colour", "-greeting")))));
    }

    private static Machine machine(String id, String seed) {
        return new Machine(id, null, List.of(), Map.of("SEED", seed, "PROFILE", "p"));
    }

    @Test
    void honouredLockPinsSeedSnapshotAndPackagesWhileTheirValuesStay() throws Exception {
        SiteLock lock = SiteLock.load(locked(), false, null, Set.of("web01"), console);
        assertEquals(Optional.of(SEED_A), lock.pinnedSeed(machine("web01", "gentoo/stage3:amd64-openrc")));
        assertEquals(Optional.empty(), lock.pinnedSeed(machine("web01", "gentoo/stage3:amd64-systemd")),
                "a changed SEED value is resolved afresh");
        assertEquals(Optional.of(SEED_A), lock.pinnedSnapshot("web01", "seed"));
        assertEquals(Optional.empty(), lock.pinnedSnapshot("web01", "20260101"));

        lock.prepared("web01", "gentoo/stage3:amd64-openrc", SEED_A, "seed", SEED_A, CONFIG, "linux/amd64");
        lock.located("web01", "p1");
        assertEquals(List.of("app-misc/hello-1.0::gentoo sha256:" + HELLO), lock.pins("web01"));

        lock.prepared("web01", "gentoo/stage3:amd64-openrc", SEED_A, "seed", SEED_A, OTHER_CONFIG, "linux/amd64");
        lock.located("web01", "p1");
        assertEquals(List.of(), lock.pins("web01"), "a changed config pins no packages");
    }

    @Test
    void updateResolvesAfreshForTheNamedMachinesOnly() throws Exception {
        Machine web01 = machine("web01", "gentoo/stage3:amd64-openrc");
        assertEquals(Optional.empty(), SiteLock.load(locked(), false, "true", Set.of("web01"), console).pinnedSeed(web01));
        assertEquals(Optional.empty(), SiteLock.load(locked(), false, "web01,db", Set.of("web01"), console)
                .pinnedSeed(web01));
        assertEquals(Optional.of(SEED_A), SiteLock.load(locked(), false, "db", Set.of("web01"), console)
                .pinnedSeed(web01));
    }

    @Test
    void frozenListsEveryDifferenceAndNeverWrites() throws Exception {
        Path file = locked();
        String before = Files.readString(file);
        SiteLock lock = SiteLock.load(file, true, null, Set.of("web01"), console);
        assertEquals(Optional.empty(), lock.pinnedSeed(machine("web01", "gentoo/stage3:amd64-openrc")),
                "frozen resolves the tag, so a moved tag shows as a difference");
        lock.prepared("web01", "gentoo/stage3:amd64-openrc", SEED_B, "seed", SEED_A, CONFIG, "linux/amd64");
        lock.located("web01", "p1");
        LockException e = assertThrows(LockException.class, () -> lock.checkFrozen(List.of("web01")));
        assertTrue(e.getMessage().contains("[web01] - seed gentoo/stage3:amd64-openrc " + SEED_A), e.getMessage());
        assertTrue(e.getMessage().contains("[web01] + seed gentoo/stage3:amd64-openrc " + SEED_B), e.getMessage());
        assertFalse(e.getMessage().contains("- snapshot"), e.getMessage());

        lock.afterAssembly(Map.of("web01", new SiteLock.Installed(List.of())));
        assertEquals(before, Files.readString(file));
    }

    @Test
    void aSnapshotWhoseDigestDiffersWhileItsValueIsTheLockedOneFails() throws Exception {
        SiteLock lock = SiteLock.load(locked(), false, null, Set.of("web01"), console);
        SeedException e = assertThrows(SeedException.class,
                () -> lock.requireSnapshot("web01", "seed", "zentoo-repos-x", SEED_B));
        assertEquals(SeedException.Problem.LOCKED_DIGEST_UNAVAILABLE, e.problem());
        assertEquals("[web01] snapshot seed is locked to " + SEED_A + " (zentoo.lock), but volume zentoo-repos-x"
                + " holds " + SEED_B + ". A locked snapshot is never replaced: move the lock with"
                + " mvn zentoo:lock -Dzentoo.lock.update", e.getMessage());
        lock.requireSnapshot("web01", "seed", "zentoo-repos-x", SEED_A);
        lock.requireSnapshot("web01", "20260101", "zentoo-repos-20260101", SEED_B);
        SiteLock.load(locked(), false, "web01", Set.of("web01"), console)
                .requireSnapshot("web01", "seed", "zentoo-repos-x", SEED_B);
    }

    /**
     * A lock written before Zentoo recorded platforms: its records have none, which is no
     * drift for a frozen lock; the next write adds the seed's platform, and a platform that
     * differs from a recorded one is drift.
     */
    @Test
    void aLockWithoutPlatformsIsNoDriftAndGainsThem() throws Exception {
        Path file = dir.resolve(LockFile.NAME);
        MachineLock recorded = record("web01", SEED_A, CONFIG);
        MachineLock old = new MachineLock("web01", recorded.seed(), recorded.seedDigest(), recorded.snapshot(),
                recorded.snapshotDigest(), recorded.configHash(), recorded.partition(), recorded.kernel(),
                recorded.packages());
        LockFile.write(file, new Lock(Map.of("web01", old)));
        assertFalse(Files.readString(file).contains("platform"));

        SiteLock frozen = SiteLock.load(file, true, null, Set.of("web01"), console);
        frozen.prepared("web01", "gentoo/stage3:amd64-openrc", SEED_A, "seed", SEED_A, CONFIG, "linux/amd64");
        frozen.located("web01", "p1");
        frozen.checkFrozen(List.of("web01"));

        SiteLock lock = SiteLock.load(file, false, null, Set.of("web01"), console);
        lock.prepared("web01", "gentoo/stage3:amd64-openrc", SEED_A, "seed", SEED_A, CONFIG, "linux/amd64");
        lock.located("web01", "p1");
        lock.afterAssembly(Map.of("web01", new SiteLock.Installed(List.copyOf(recorded.packages().values()))));
        assertEquals(recorded, LockFile.read(file).orElseThrow().machine("web01").orElseThrow());

        SiteLock arm = SiteLock.load(file, true, null, Set.of("web01"), console);
        arm.prepared("web01", "gentoo/stage3:amd64-openrc", SEED_A, "seed", SEED_A, CONFIG, "linux/arm64");
        arm.located("web01", "p1");
        LockException e = assertThrows(LockException.class, () -> arm.checkFrozen(List.of("web01")));
        assertTrue(e.getMessage().contains("[web01] - platform linux/amd64"), e.getMessage());
        assertTrue(e.getMessage().contains("[web01] + platform linux/arm64"), e.getMessage());
    }

    @Test
    void frozenListsAChangedSnapshotAndPartition() throws Exception {
        SiteLock lock = SiteLock.load(locked(), true, null, Set.of("web01"), console);
        lock.prepared("web01", "gentoo/stage3:amd64-openrc", SEED_A, "seed", SEED_B, CONFIG, "linux/amd64");
        lock.located("web01", "p2");
        LockException e = assertThrows(LockException.class, () -> lock.checkFrozen(List.of("web01")));
        List<String> listed = e.getMessage().lines().filter(l -> l.startsWith("  [")).toList();
        assertEquals(List.of("  [web01] - snapshot seed " + SEED_A, "  [web01] - partition p1",
                "  [web01] + snapshot seed " + SEED_B, "  [web01] + partition p2"), listed, e.getMessage());
        assertThrows(SeedException.class, () -> SiteLock.load(locked(), false, null, Set.of("web01"), console)
                .requireSnapshot("web01", "seed", "v", SEED_B), "honoured, the same drift stops the build too");
    }

    @Test
    void updateDropsThePackageLinesOfAMachineWhoseSeedMoved() throws Exception {
        Path file = dir.resolve(LockFile.NAME);
        LockFile.write(file, new Lock(Map.of("web01", record("web01", SEED_A, CONFIG),
                "db", record("db", SEED_A, CONFIG))));
        SiteLock lock = SiteLock.load(file, false, "true", Set.of("web01", "db"), console);
        lock.prepared("web01", "gentoo/stage3:amd64-openrc", SEED_B, "seed", SEED_B, CONFIG, "linux/amd64");
        lock.located("web01", "p1");
        lock.prepared("db", "gentoo/stage3:amd64-openrc", SEED_A, "seed", SEED_A, CONFIG, "linux/amd64");
        lock.located("db", "p1");
        assertEquals(List.of(), lock.pins("web01"));
        lock.writeResolved();
        Lock written = LockFile.read(file).orElseThrow();
        MachineLock web01 = written.machine("web01").orElseThrow();
        assertEquals(SEED_B, web01.seedDigest());
        assertEquals(Map.of(), web01.packages(), "its next assembly records what the new seed gives");
        assertEquals(record("db", SEED_A, CONFIG), written.machine("db").orElseThrow(), "db did not move");
        assertTrue(lines.contains("[web01] zentoo.lock - package app-misc/hello-1.0::gentoo sha256:" + HELLO
                + " USE=\"colour -greeting\""), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("[db] ")), lines.toString());
    }

    @Test
    void frozenWithoutLockFails() throws Exception {
        SiteLock lock = SiteLock.load(dir.resolve(LockFile.NAME), true, null, Set.of("web01"), console);
        LockException e = assertThrows(LockException.class, () -> lock.checkFrozen(List.of("web01")));
        assertTrue(e.getMessage().contains("no zentoo.lock"), e.getMessage());
    }

    @Test
    void assemblyUpdatesSucceededMachinesAndDropsGoneOnes() throws Exception {
        Path file = locked();
        SiteLock lock = SiteLock.load(file, false, null, Set.of("web01", "db"), console);
        lock.prepared("web01", "gentoo/stage3:amd64-openrc", SEED_A, "seed", SEED_A, OTHER_CONFIG, "linux/amd64");
        lock.located("web01", "p1");
        lock.prepared("db", "gentoo/stage3:amd64-openrc", SEED_A, "seed", SEED_A, CONFIG, "linux/amd64");
        lock.located("db", "p1");
        String hello2 = "2".repeat(64);
        lock.afterAssembly(Map.of("web01", SiteLock.Installed.parse(
                "app-misc/hello-1.0::gentoo USE=\"colour greeting\"\n",
                "app-misc/hello-1.0::gentoo sha256:" + hello2 + "\n")));
        Lock written = LockFile.read(file).orElseThrow();
        assertEquals(Set.of("web01"), written.machines().keySet(), "db failed (no record), gone left the site");
        MachineLock web01 = written.machine("web01").orElseThrow();
        assertEquals(OTHER_CONFIG, web01.configHash());
        LockedPackage hello = web01.packages().get("app-misc/hello-1.0::gentoo");
        assertEquals(hello2, hello.instanceSha256());
        assertEquals(List.of("colour", "greeting"), hello.use());
        assertTrue(lines.contains("zentoo.lock: machine gone is no longer in the site; its record is dropped"),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[web01] zentoo.lock + config " + OTHER_CONFIG)),
                lines.toString());
        assertEquals(record("web01", SEED_A, CONFIG), lock.previous("web01").orElseThrow(),
                "the lock as it was stays available after the write");
    }

    @Test
    void kernelLineJoinsTheRecordOfTheSameInputs() throws Exception {
        Path file = locked();
        SiteLock lock = SiteLock.load(file, false, null, Set.of("web01"), console);
        lock.prepared("web01", "gentoo/stage3:amd64-openrc", SEED_A, "seed", SEED_A, CONFIG, "linux/amd64");
        lock.located("web01", "p1");
        lock.afterKernel(Map.of("web01", "sys-kernel/gentoo-kernel-6.6.30"));
        MachineLock web01 = LockFile.read(file).orElseThrow().machine("web01").orElseThrow();
        assertEquals(Optional.of("sys-kernel/gentoo-kernel-6.6.30"), web01.kernel());
        assertEquals(record("web01", SEED_A, CONFIG).packages(), web01.packages());

        SiteLock changed = SiteLock.load(file, false, null, Set.of("web01"), console);
        changed.prepared("web01", "gentoo/stage3:amd64-openrc", SEED_A, "seed", SEED_A, OTHER_CONFIG, "linux/amd64");
        changed.located("web01", "p1");
        changed.afterKernel(Map.of("web01", "sys-kernel/gentoo-kernel-6.6.31"));
        assertEquals(Optional.of("sys-kernel/gentoo-kernel-6.6.30"),
                LockFile.read(file).orElseThrow().machine("web01").orElseThrow().kernel(),
                "a kernel of another config waits for that config's assembly");
    }
}
