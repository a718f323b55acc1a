package org.zentoo.boot;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootConsoleTest {

    @Test
    void readsTheShimsFramesAmongKernelLines() {
        BootConsole console = new BootConsole();
        for (String line : List.of(
                "SeaBIOS (version 1.16.2-debian-1.16.2-1)\r",
                "[    0.000000] Linux version 6.1.0-50-amd64 (debian-kernel@lists.debian.org) (gcc-12) #1 SMP\r",
                "[    1.200000] Run /init as init process\r",
                "ZENTOO-BOOT begin 6.1.0-50-amd64\r",
                "ZENTOO-TEST-BEGIN check/kernel-modules\r",
                "ZENTOO-OUT check/kernel-modules kernel 6.1.0-50-amd64, 3 modules\r",
                "ZENTOO-TEST check/kernel-modules PASS 0 12\r",
                "ZENTOO-TEST-BEGIN boot/20-fails\r",
                "ZENTOO-OUT boot/20-fails \r",
                "[    2.1] random: crng init done ZENTOO-OUT boot/20-fails  two  spaces\r",
                "ZENTOO-TEST boot/20-fails FAIL 3 1500\r",
                "ZENTOO-TEST-BEGIN boot/30-hangs\r",
                "ZENTOO-OUT boot/30-hangs sleeping\r")) {
            console.accept(line);
        }
        assertEquals("Linux version 6.1.0-50-amd64 (debian-kernel@lists.debian.org) (gcc-12) #1 SMP",
                console.kernelLine());
        assertEquals("6.1.0-50-amd64", console.kernelRelease());
        assertEquals(List.of(
                new TestResult("check/kernel-modules", true, 0, "kernel 6.1.0-50-amd64, 3 modules\n",
                        Duration.ofMillis(12)),
                new TestResult("boot/20-fails", false, 3, "\n two  spaces\n", Duration.ofMillis(1500))),
                console.results());
        assertEquals("boot/30-hangs", console.running());
        assertEquals("sleeping\n", console.runningOutput());
        assertFalse(console.ended());
        console.accept("ZENTOO-TEST boot/30-hangs PASS 0 1");
        console.accept("ZENTOO-BOOT end 3 1");
        assertTrue(console.ended());
        assertEquals("", console.running());
        assertEquals("ZENTOO-BOOT end 3 1", console.tail().get(console.tail().size() - 1));
    }

    @Test
    void notesAnIncompleteUnpackAndTheShimsError() {
        BootConsole console = new BootConsole();
        console.accept("[    5.308183] Initramfs unpacking failed: write error\r");
        console.accept("ZENTOO-BOOT error /var/lib/zentoo/boot/order is missing: the initramfs is incomplete");
        assertEquals("Initramfs unpacking failed: write error", console.unpackFailure());
        assertEquals("/var/lib/zentoo/boot/order is missing: the initramfs is incomplete", console.shimError());
    }

    @Test
    void keepsOnlyTheLastLinesAsTail() {
        BootConsole console = new BootConsole();
        for (int i = 0; i < 500; i++) {
            console.accept("line " + i);
        }
        assertEquals(60, console.tail().size());
        assertEquals("line 499", console.tail().get(59));
        assertEquals("", console.kernelLine());
    }
}
