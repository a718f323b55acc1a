package org.zentoo.lock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockFileTest {

    private static final String H1 = "a".repeat(64);
    private static final String H2 = "b".repeat(64);
    private static final String H512 = "c".repeat(128);

    private static MachineLock web(List<String> helloUse) {
        return new MachineLock("web01", "gentoo/stage3:amd64-openrc", "sha256:" + H1, "20260101", "sha512:" + H512,
                "sha256:" + H2, "amd64-abc", Optional.empty(), MachineLock.byName(List.of(
                        new LockedPackage("app-misc/hello-1.0-r1", "zentoo-test", H1, helloUse),
                        new LockedPackage("app-misc/caps-2.3", "zentoo-test", H2, List.of()))));
    }

    @Test
    void writesStableSortedLinesAndReadsThemBack(@TempDir Path dir) throws Exception {
        MachineLock db = new MachineLock("db", "zentoo/seed.tar.xz", "sha512:" + H512, "seed", "sha256:" + H1,
                "sha256:" + H1, "amd64-x", Optional.of("sys-kernel/zentoo-test-kernel-6.1"), Map.of());
        Lock lock = Lock.EMPTY.with(web(List.of("colour", "-greeting"))).with(db);
        Path file = dir.resolve(LockFile.NAME);
        LockFile.write(file, lock);
        String text = Files.readString(file);
        assertEquals(List.of("version 1", "machine db",
                "  seed zentoo/seed.tar.xz sha512:" + H512,
                "  snapshot seed sha256:" + H1,
                "  config sha256:" + H1,
                "  partition amd64-x",
                "  kernel sys-kernel/zentoo-test-kernel-6.1",
                "machine web01",
                "  seed gentoo/stage3:amd64-openrc sha256:" + H1,
                "  snapshot 20260101 sha512:" + H512,
                "  config sha256:" + H2,
                "  partition amd64-abc",
                "  package app-misc/caps-2.3::zentoo-test sha256:" + H2 + " USE=\"\"",
                "  package app-misc/hello-1.0-r1::zentoo-test sha256:" + H1 + " USE=\"colour -greeting\""),
                text.lines().filter(l -> !l.startsWith("#")).toList());
        assertEquals(lock, LockFile.read(file).orElseThrow());
        assertEquals(text, LockFile.format(LockFile.parse(text)), "the same lock is the same bytes");
        assertEquals(Set.of(H1, H2), lock.instances());
    }

    /**
     * The platform line follows the partition; a lock written before Zentoo recorded
     * platforms (no such line) still reads, and a malformed platform names its line.
     */
    @Test
    void recordsThePlatformAndReadsLocksWithoutIt() throws Exception {
        MachineLock pi = new MachineLock("pi", "zentoo/seed:arm64", "sha256:" + H1, "seed", "sha256:" + H1,
                "sha256:" + H2, "arm64-aarch64-unknown-linux-gnu-abc", "linux/arm64", Optional.empty(), Map.of());
        String text = LockFile.format(Lock.EMPTY.with(pi));
        assertEquals(List.of("version 1", "machine pi",
                "  seed zentoo/seed:arm64 sha256:" + H1,
                "  snapshot seed sha256:" + H1,
                "  config sha256:" + H2,
                "  partition arm64-aarch64-unknown-linux-gnu-abc",
                "  platform linux/arm64"), text.lines().filter(l -> !l.startsWith("#")).toList());
        assertEquals(pi, LockFile.parse(text).machine("pi").orElseThrow());

        String old = text.replace("  platform linux/arm64\n", "");
        assertEquals("", LockFile.parse(old).machine("pi").orElseThrow().platform());
        assertEquals(old, LockFile.format(LockFile.parse(old)), "an old lock is written as it was read");

        String bad = text.replace("linux/arm64", "linux//arm64");
        LockException e = assertThrows(LockException.class, () -> LockFile.parse(bad));
        assertTrue(e.getMessage().startsWith("zentoo.lock:" + lineOf(bad, "platform") + ": \"linux//arm64\" is not a"
                + " platform"), e.getMessage());
    }

    @Test
    void aSiteWithoutLockReadsAsEmpty(@TempDir Path dir) throws Exception {
        assertEquals(Optional.empty(), LockFile.read(dir.resolve(LockFile.NAME)));
    }

    @Test
    void anotherSitesLockIsNamedAsGiven(@TempDir Path dir) throws Exception {
        Path other = dir.resolve("other.lock");
        Files.writeString(other, "version 1\nmachine m\n  partishun x\n");
        LockException e = assertThrows(LockException.class, () -> LockFile.read(other, "../other/other.lock"));
        assertTrue(e.getMessage().startsWith("../other/other.lock:3: unknown fact"), e.getMessage());
    }

    @Test
    void packageNamesSplitAtTheVersion() {
        LockedPackage p = new LockedPackage("dev-libs/foo-bar2-1.2.3_rc1-r2", "gentoo", H1, List.of());
        assertEquals("dev-libs/foo-bar2", p.cp());
        assertEquals("1.2.3_rc1-r2", p.version());
    }

    @Test
    void brokenLinesNameTheirLine() {
        String good = LockFile.format(Lock.EMPTY.with(web(List.of("colour"))));
        assertLine(3, "nope 1\n", "expected \"version 1\"");
        assertLine(3, "version 2\n", "not supported");
        assertLine(4, "version 1\n  seed x sha256:" + H1 + "\n", "before any \"machine <id>\"");
        String broken = good.replace("sha256:" + H1 + " USE=\"colour\"", "sha256:123 USE=\"colour\"");
        int line = lineOf(broken, "sha256:123");
        LockException e = assertThrows(LockException.class, () -> LockFile.parse(broken));
        assertTrue(e.getMessage().startsWith("zentoo.lock:" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("is not a digest"), e.getMessage());
        String unknown = good.replace("  partition", "  partishun");
        assertThrows(LockException.class, () -> LockFile.parse(unknown));
        String twice = good + "machine web01\n";
        LockException dup = assertThrows(LockException.class, () -> LockFile.parse(twice));
        assertTrue(dup.getMessage().contains("locked twice"), dup.getMessage());
        String noConfig = good.replaceAll("(?m)^  config .*\n", "");
        LockException missing = assertThrows(LockException.class, () -> LockFile.parse(noConfig));
        assertTrue(missing.getMessage().startsWith("zentoo.lock:" + lineOf(noConfig, "machine web01") + ": "),
                missing.getMessage());
        String badVersion = good.replace("hello-1.0-r1", "hello");
        assertThrows(LockException.class, () -> LockFile.parse(badVersion));
    }

    private static void assertLine(int line, String body, String expected) {
        String text = "# one\n# two\n" + body;
        LockException e = assertThrows(LockException.class, () -> LockFile.parse(text));
        assertTrue(e.getMessage().startsWith("zentoo.lock:" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(line, e.line());
    }

    private static int lineOf(String text, String needle) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }

    @Test
    void diffListsOnlyTheChangedLinesOfTheChangedMachine() {
        Lock before = Lock.EMPTY.with(web(List.of("colour", "-greeting")));
        Lock after = Lock.EMPTY.with(web(List.of("colour", "greeting")));
        LockDiff diff = LockDiff.between(before, after);
        assertEquals(Set.of("web01"), diff.machines());
        assertEquals(List.of(
                "- package app-misc/hello-1.0-r1::zentoo-test sha256:" + H1 + " USE=\"colour -greeting\"",
                "+ package app-misc/hello-1.0-r1::zentoo-test sha256:" + H1 + " USE=\"colour greeting\""),
                diff.describe("web01"));
        assertTrue(LockDiff.between(before, before).isEmpty());
        LockDiff gone = LockDiff.between(before, Lock.EMPTY);
        assertEquals("- machine web01", gone.describe("web01").get(0));
        assertEquals(Lock.EMPTY, before.retainOnly(Set.of("db")));
    }
}
