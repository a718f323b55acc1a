package org.zentoo.boot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QemuTest {

    @TempDir
    Path tmp;

    @Test
    void aHostWithoutQemuIsAClearErrorNamingTheSwitch() throws Exception {
        Path initrd = Files.writeString(tmp.resolve("i.cpio"), "x");
        Qemu qemu = new Qemu(new Qemu.Options("zentoo-no-such-qemu", Qemu.Accelerator.TCG, Duration.ofSeconds(5),
                Duration.ofSeconds(1), 0));
        BootException e = assertThrows(BootException.class, () -> qemu.boot(initrd, initrd, line -> { }));
        assertTrue(e.getMessage().contains("zentoo-no-such-qemu was not found on PATH"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dzentoo.test.boot=false"), e.getMessage());
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
    }
}
