package org.zentoo.step;

import org.junit.jupiter.api.Test;
import org.zentoo.machine.Platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The texts a user reads when a machine's platform cannot run here or disagrees with its profile. */
class PlatformSupportTest {

    @Test
    void aMissingHandlerIsNamedWithItsPackagesAndTheCommandThatRegistersIt() {
        String message = PlatformSupport.missingHandler("pi", "SEED=\"zentoo/it-riscv\" (config/machines/pi/machine.conf:2)",
                Platform.parse("linux/riscv64"), Platform.AMD64);
        assertEquals("[pi] SEED=\"zentoo/it-riscv\" (config/machines/pi/machine.conf:2) is linux/riscv64, which this"
                + " Docker host (linux/amd64) cannot run: `uname -m` in the seed failed with \"exec format error\", so"
                + " the kernel has no binfmt_misc handler qemu-riscv64 (see /proc/sys/fs/binfmt_misc/). Zentoo does not"
                + " fall back to another platform. Install QEMU user emulation on the Docker host: Debian/Ubuntu"
                + " qemu-user-static and binfmt-support, Gentoo app-emulation/qemu[static-user]; mount binfmt_misc if it"
                + " is not (mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc) and register the handler (Debian:"
                + " update-binfmts --enable qemu-riscv64; Gentoo: rc-service qemu-binfmt start), then build again",
                message);
        assertTrue(PlatformSupport.missingHandler("a", "SEED", Platform.ARM64, Platform.AMD64)
                .contains("update-binfmts --enable qemu-aarch64"));
    }

    @Test
    void execFormatErrorIsRecognisedAsDockerAndRuncSayIt() {
        assertTrue(PlatformSupport.execFormatError(
                "standard_init_linux.go:228: exec user process caused: exec format error"));
        assertTrue(PlatformSupport.execFormatError("exec /usr/bin/uname: Exec format error"));
        assertFalse(PlatformSupport.execFormatError("uname: command not found"));
        assertFalse(PlatformSupport.execFormatError(null));
    }

    @Test
    void aChostMismatchNamesBothAndTheirLines() {
        assertEquals("[pi] the seed is linux/arm64 (SEED=\"zentoo/arm64\" (config/machines/pi/machine.conf:2)), but its"
                + " profile's CHOST is x86_64-pc-linux-gnu, which builds for linux/amd64 (PROFILE=\"zentoo-test:amd64\""
                + " (config/site.conf:1)); a machine's seed and profile must be of one architecture. Use a seed of"
                + " linux/amd64 or a profile of linux/arm64 (a root imported with docker import is recorded as amd64"
                + " unless its image has the label org.zentoo.platform)",
                PlatformSupport.chostMismatch("pi", "SEED=\"zentoo/arm64\" (config/machines/pi/machine.conf:2)",
                        Platform.ARM64, "PROFILE=\"zentoo-test:amd64\" (config/site.conf:1)", "x86_64-pc-linux-gnu"));
    }
}
