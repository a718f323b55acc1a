package org.zentoo.boot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QemuTest {

    @TempDir
    Path tmp;

    @Test
    void aHostWithoutQemuIsAClearErrorNamingTheSwitch() throws Exception {
        Path initrd = Files.writeString(tmp.resolve("i.cpio"), "x");
        Qemu qemu = new Qemu(new Qemu.Options(QemuSystem.X86_64, "zentoo-no-such-qemu", Qemu.Accelerator.TCG,
                Duration.ofSeconds(5), Duration.ofSeconds(1), 0));
        BootException e = assertThrows(BootException.class, () -> qemu.boot(initrd, initrd, line -> { }));
        assertTrue(e.getMessage().contains("zentoo-no-such-qemu was not found on PATH"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install qemu-system-x86;"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dzentoo.test.boot=false"), e.getMessage());
    }

    @Test
    void aMissingAarch64QemuNamesThePackageThatHasIt() throws Exception {
        Path initrd = Files.writeString(tmp.resolve("i.cpio"), "x");
        Qemu.Options arm = Qemu.Options.forPlatform("linux/arm64");
        Qemu qemu = new Qemu(new Qemu.Options(arm.system(), tmp.resolve("qemu-system-aarch64").toString(),
                arm.accelerator(), arm.timeout(), arm.kvmProbe(), 0));
        BootException e = assertThrows(BootException.class, () -> qemu.boot(initrd, initrd, line -> { }));
        assertTrue(e.getMessage().contains("runs linux/arm64 machines in it"), e.getMessage());
        assertTrue(e.getMessage().contains("Debian: apt-get install qemu-system-arm; Gentoo: emerge "
                + "app-emulation/qemu with QEMU_SOFTMMU_TARGETS=\"aarch64\""), e.getMessage());
    }

    @Test
    void memoryHoldsTheArchiveThriceAndRoomForTheKernel() {
        assertEquals(768, Qemu.memoryFor(0));
        assertEquals(832, Qemu.memoryFor(1));
        assertEquals(2176, Qemu.memoryFor(451L << 20));
        assertEquals(0, Qemu.memoryFor(487L << 20) % 64);
    }

    @Test
    void theCommandBootsTheShimOnTheSerialConsoleAndNeverReboots() {
        Qemu qemu = new Qemu(Qemu.Options.defaults());
        List<String> cmd = qemu.command(Path.of("/k"), Path.of("/i"), Qemu.Accelerator.TCG, 1024);
        String line = String.join(" ", cmd);
        assertTrue(line.contains("-accel tcg") && line.contains("-m 1024") && line.contains("-no-reboot")
                && line.contains("-serial stdio") && line.contains("-display none"), line);
        assertTrue(cmd.contains("console=ttyS0 rdinit=/init panic=-1 oops=panic"), line);
        assertEquals("qemu-system-x86_64", cmd.get(0));
        assertFalse(cmd.contains("-M"), line);
    }

    @Test
    void anArm64MachineBootsInTheVirtBoardOnItsPl011Console() {
        Qemu qemu = new Qemu(Qemu.Options.forPlatform("linux/arm64"));
        List<String> cmd = qemu.command(Path.of("/k"), Path.of("/i"), Qemu.Accelerator.TCG, 1024);
        assertEquals(List.of("qemu-system-aarch64", "-M", "virt", "-accel", "tcg", "-cpu", "max", "-m", "1024",
                "-smp", "1", "-nodefaults", "-no-user-config", "-display", "none", "-monitor", "none",
                "-serial", "stdio", "-no-reboot", "-kernel", "/k", "-initrd", "/i",
                "-append", "console=ttyAMA0 rdinit=/init panic=-1 oops=panic"), cmd);
    }

    @Test
    void platformsMapToTheirQemuInEveryUsualSpelling() {
        for (String p : List.of("linux/arm64", "linux/arm64/v8", "arm64", "aarch64", "LINUX/ARM64")) {
            assertEquals(QemuSystem.AARCH64, QemuSystem.forPlatform(p), p);
        }
        for (String p : List.of("linux/amd64", "amd64", "x86_64")) {
            assertEquals(QemuSystem.X86_64, QemuSystem.forPlatform(p), p);
        }
        assertEquals(QemuSystem.forPlatform(System.getProperty("os.arch")), QemuSystem.forPlatform(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QemuSystem.forPlatform("linux/riscv64"));
        assertTrue(e.getMessage().contains("no QEMU system is known for platform linux/riscv64"), e.getMessage());
    }

    @Test
    void kvmIsNeverTriedForAForeignPlatform() {
        QemuSystem host = QemuSystem.forPlatform(null);
        for (QemuSystem s : QemuSystem.values()) {
            assertEquals(s == host, s.kvmPossible(), s.name());
        }
    }
}
