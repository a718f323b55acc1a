package org.zentoo.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zentoo.boot.BootResult;
import org.zentoo.boot.BootTest;
import org.zentoo.boot.Qemu;
import org.zentoo.boot.TestResult;
import org.zentoo.testing.Strict;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The boot test for real: the test stage, exported by Docker, boots Debian's 6.1
 * kernel (the fixture sys-kernel/zentoo-test-kernel's distfile) in QEMU, KVM if it
 * answers, else TCG. Three boots: one with a passing and a failing script, one with a
 * script that never ends, which must time out within its bound and leave no QEMU,
 * and one whose calling thread is interrupted, which must leave no QEMU either.
 * A fourth boots the arm64 fixture kernel (Debian's 6.1.0-50-arm64, from the arm64 stage)
 * in qemu-system-aarch64 under TCG, with a small root cut from the arm64 stage.
 */
class BootIT {

    private static final String KERNEL = "6.1.0-50-amd64";
    private static final String DISTFILE = "/usr/share/zentoo-test/distfiles/linux-" + KERNEL + "-debian.tar.gz";
    private static Path dir;
    private static Path stage;
    private static Path kernel;

    @BeforeAll
    static void exportStageAndKernel() throws Exception {
        Strict.assume(onPath("qemu-system-x86_64"), "qemu-system-x86_64 (apt-get install qemu-system-x86)");
        dir = Files.createDirectories(TestStage.itBasedir().resolve("target/boot-it"));
        stage = dir.resolve("stage3-test.tar");
        kernel = dir.resolve("kernel-test.tar");
        String id = docker(60, "create", "--label", "org.zentoo.site=zentoo-it-boot", TestStage.IMAGE, "true").strip();
        try {
            docker(120, "export", "-o", stage.toString(), id);
        } finally {
            docker(60, "rm", "-f", id);
        }
        // The fixture kernel's distfile: ./boot and ./lib/modules of Debian's package.
        sh(120, "docker run --rm --label org.zentoo.site=zentoo-it-boot " + TestStage.IMAGE + " cat " + DISTFILE
                + " | gzip -dc > " + kernel);
    }

    @AfterAll
    static void removeExports() throws IOException {
        if (stage != null) {
            Files.deleteIfExists(stage);
            Files.deleteIfExists(kernel);
        }
    }

    @Test
    void bootsTheStageReportsEachScriptAndBoundsAHang() throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        Path passes = Files.writeString(scripts.resolve("10-passes"), """
                #!/bin/sh
                set -e
                echo "running on $(uname -r)"
                test -c /dev/console && echo "/dev/console is a character device"
                grep -q '^proc /proc proc' /proc/mounts && echo "/proc is mounted"
                grep -q '^devtmpfs /dev devtmpfs' /proc/mounts && echo "/dev is devtmpfs"
                test -x /usr/bin/emerge && echo "the stage is the root"
                """);
        Path fails = Files.writeString(scripts.resolve("20-fails"), "echo about to fail\nexit 3\n");
        Path hangs = Files.writeString(scripts.resolve("30-hangs"), "echo sleeping\nexec sleep infinity\n");
        List<String> console = Collections.synchronizedList(new ArrayList<>());

        // 1: a script that passes and one that fails. AUTO: KVM if it answers within 10 s, else TCG.
        Path work1 = dir.resolve("work-1");
        long t0 = System.nanoTime();
        BootResult first = BootTest.run(new BootTest.Request(stage, kernel, List.of(), List.of(passes, fails),
                work1, Qemu.Options.defaults().withTimeout(Duration.ofSeconds(240))), console::add);
        Duration firstWall = Duration.ofNanos(System.nanoTime() - t0);
        Files.write(dir.resolve("console-1.log"), console);
        String log = String.join("\n", console);
        System.out.printf("[BootIT] boot 1: %s under %s, QEMU %d ms, with initramfs and KVM probe %d ms%n",
                first.state(), first.accelerator(), first.elapsed().toMillis(), firstWall.toMillis());
        assertTrue(first.kernelVersion().startsWith("Linux version " + KERNEL + " "), first.kernelVersion());
        Map<String, TestResult> byName = first.tests().stream()
                .collect(Collectors.toMap(TestResult::name, Function.identity()));
        assertEquals(List.of("check/kernel-modules", "boot/10-passes", "boot/20-fails"),
                first.tests().stream().map(TestResult::name).toList(), log);
        assertTrue(byName.get("check/kernel-modules").passed(), log);
        assertEquals("kernel " + KERNEL + ", 4 modules\n", byName.get("check/kernel-modules").output());
        TestResult ok = byName.get("boot/10-passes");
        assertTrue(ok.passed(), ok.output());
        assertEquals("running on " + KERNEL + "\n/dev/console is a character device\n/proc is mounted\n"
                + "/dev is devtmpfs\nthe stage is the root\n", ok.output());
        TestResult bad = byName.get("boot/20-fails");
        assertFalse(bad.passed());
        assertEquals(3, bad.exitCode());
        assertEquals("about to fail\n", bad.output());
        assertEquals(BootResult.State.TESTS_FAILED, first.state(), first.message());
        assertEquals("1 of 3 boot tests failed", first.message());
        assertNoQemu(work1);
        assertFalse(Files.exists(work1.resolve("initramfs.cpio")), "the initramfs is removed after the boot");

        // 2: a script that never ends. The bound leaves 20 s over boot 1's time to reach it.
        console.clear();
        Path work2 = dir.resolve("work-2");
        Duration bound = first.elapsed().plusSeconds(20);
        Qemu.Options same = Qemu.Options.defaults().withTimeout(bound)
                .withAccelerator(first.accelerator().equals("kvm") ? Qemu.Accelerator.KVM : Qemu.Accelerator.TCG);
        BootResult second = BootTest.run(new BootTest.Request(stage, kernel, List.of(), List.of(passes, hangs),
                work2, same), console::add);
        Files.write(dir.resolve("console-2.log"), console);
        System.out.printf("[BootIT] boot 2: %s after %d ms (bound %d s)%n", second.state(),
                second.elapsed().toMillis(), bound.toSeconds());
        assertEquals(BootResult.State.TIMED_OUT, second.state(), String.join("\n", console));
        assertTrue(second.elapsed().compareTo(bound.plusSeconds(15)) < 0, second.elapsed().toString());
        assertTrue(second.elapsed().compareTo(bound) >= 0, second.elapsed().toString());
        assertEquals("the machine did not finish its boot tests within " + bound.toSeconds()
                + " s (zentoo.test.bootTimeout); test boot/30-hangs was running; QEMU was killed", second.message());
        assertEquals(List.of("check/kernel-modules", "boot/10-passes"),
                second.tests().stream().map(TestResult::name).toList());
        assertTrue(second.consoleTail().contains("ZENTOO-OUT boot/30-hangs sleeping"), second.consoleTail()::toString);
        assertNoQemu(work2);

        // 3: the calling thread is interrupted while QEMU runs: QEMU goes with it.
        Path work3 = dir.resolve("work-3");
        java.util.concurrent.CountDownLatch kernelSpoke = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread boot = new Thread(() -> {
            try {
                BootTest.run(new BootTest.Request(stage, kernel, List.of(), List.of(hangs), work3, same), line -> {
                    if (line.contains("Linux version")) {
                        kernelSpoke.countDown();
                    }
                });
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "boot-3");
        boot.start();
        assertTrue(kernelSpoke.await(120, TimeUnit.SECONDS), "boot 3 never printed the kernel's first line");
        boot.interrupt();
        boot.join(30_000);
        assertFalse(boot.isAlive(), "the interrupted boot did not return");
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        assertNoQemu(work3);
        assertFalse(Files.exists(work3.resolve("initramfs.cpio")));
    }

    /**
     * The arm64 boot, chosen by the platform alone: the QEMU system, board and console come
     * from {@code Qemu.Options.forPlatform("linux/arm64")}. The root is what the shim and the
     * checks run (dash, coreutils' few, mount, find) with their libraries and the loader,
     * cut from the arm64 stage, so that the measure is the kernel's emulated boot, not the
     * unpacking of a 500 MB stage at emulated speed.
     */
    @Test
    void bootsTheArm64KernelInQemuSystemAarch64() throws Exception {
        Strict.assume(onPath("qemu-system-aarch64"), "qemu-system-aarch64 (apt-get install qemu-system-arm)");
        String image = TestStage.arm64Image();
        String kv = "6.1.0-50-arm64";
        Path armStage = dir.resolve("stage3-arm64-small.tar");
        Path armKernel = dir.resolve("kernel-arm64.tar");
        String label = "--label org.zentoo.site=zentoo-it-boot ";
        try {
            // ldd runs under binfmt emulation. Each library goes in under the name ldd gives
            // (the soname link) and as the file it resolves to, every parent directory as an
            // entry of its own (the kernel's cpio unpacker makes none); /bin, /lib and /sbin
            // stay the stage's symlinks into /usr.
            String cut = """
                    set -e; cd /
                    for b in sh mount mkdir cat date sync sleep uname find wc; do
                      p=$(command -v $b); echo $p; readlink -f $p; done > /tmp/l
                    ldd $(readlink -f $(cat /tmp/l)) | grep -o '/[^ ]*\\.so[.0-9]*' | sort -u | while read -r x; do
                      echo "$(readlink -f "$(dirname "$x")")/$(basename "$x")"; readlink -f "$x"; done >> /tmp/l
                    for f in $(cat /tmp/l); do d=${f%/*}; while [ -n "$d" ]; do echo $d; d=${d%/*}; done; done >> /tmp/l
                    tar -c --no-recursion bin lib sbin $(sort -u /tmp/l | cut -c2-)
                    """;
            Files.writeString(dir.resolve("cut-arm64-root.sh"), cut);
            sh(300, "docker run --rm " + label + image + " bash -c \"$(cat " + dir.resolve("cut-arm64-root.sh")
                    + ")\" > " + armStage);
            sh(120, "docker run --rm " + label + image + " cat /usr/share/zentoo-test/distfiles/linux-" + kv
                    + "-debian.tar.gz | gzip -dc > " + armKernel);
            Path scripts = Files.createDirectories(dir.resolve("scripts-arm64"));
            Path machine = Files.writeString(scripts.resolve("10-machine"), "uname -m\nuname -r\n");
            List<String> console = Collections.synchronizedList(new ArrayList<>());
            Path work = dir.resolve("work-arm64");
            long t0 = System.nanoTime();
            BootResult arm = BootTest.run(new BootTest.Request(armStage, armKernel, List.of(), List.of(machine), work,
                    Qemu.Options.forPlatform("linux/arm64").withTimeout(Duration.ofSeconds(240))), console::add);
            Duration wall = Duration.ofNanos(System.nanoTime() - t0);
            Files.write(dir.resolve("console-arm64.log"), console);
            String log = String.join("\n", console);
            System.out.printf("[BootIT] arm64 boot: %s under %s, QEMU %d ms, with initramfs %d ms, root %d KiB%n",
                    arm.state(), arm.accelerator(), arm.elapsed().toMillis(), wall.toMillis(),
                    Files.size(armStage) >> 10);
            assertEquals(BootResult.State.PASSED, arm.state(), arm.message() + "\n" + log);
            assertEquals("tcg", arm.accelerator());
            assertTrue(arm.kernelVersion().startsWith("Linux version " + kv + " "), arm.kernelVersion());
            assertEquals(List.of("check/kernel-modules", "boot/10-machine"),
                    arm.tests().stream().map(TestResult::name).toList(), log);
            assertEquals("kernel " + kv + ", 4 modules\n", arm.tests().get(0).output(), log);
            assertEquals("aarch64\n" + kv + "\n", arm.tests().get(1).output(), log);
            assertNoQemu(work);
        } finally {
            Files.deleteIfExists(armStage);
            Files.deleteIfExists(armKernel);
        }
    }

    /** pgrep finds no process whose command line names the boot's work directory. */
    private static void assertNoQemu(Path work) throws Exception {
        Process p = new ProcessBuilder("pgrep", "-f", "-a", work.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), "a QEMU of " + work + " is still running: " + out);
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d.isEmpty() ? "." : d, program))) {
                return true;
            }
        }
        return false;
    }

    private static String docker(int seconds, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        return exec(seconds, cmd);
    }

    private static String sh(int seconds, String script) throws Exception {
        return exec(seconds, List.of("bash", "-c", "set -o pipefail; " + script));
    }

    private static String exec(int seconds, List<String> cmd) throws Exception {
        Path out = Files.createTempFile("boot-it", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(cmd + " took over " + seconds + " s");
            }
            String text = Files.readString(out);
            assertEquals(0, p.exitValue(), cmd + ": " + text);
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
