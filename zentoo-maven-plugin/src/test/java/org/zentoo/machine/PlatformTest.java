package org.zentoo.machine;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlatformTest {

    @Test
    void parsesDockersForm() {
        assertEquals(Platform.ARM64, Platform.parse("linux/arm64"));
        assertEquals(Platform.AMD64, Platform.parse("amd64"));
        assertEquals(new Platform("linux", "arm", "v7"), Platform.parse("linux/arm/v7"));
        assertEquals("linux/arm/v7", Platform.parse("linux/arm/v7").toString());
        assertEquals(Platform.ARM64, Platform.parse("linux/aarch64"), "the kernel's name is read as Docker's");
        assertEquals(Platform.ARM64, Platform.parse("linux/arm64/v8"), "arm64's one variant is no other platform");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Platform.parse("linux//arm64"));
        assertEquals("\"linux//arm64\" is not a platform; expected os/arch[/variant], e.g. linux/arm64", bad.getMessage());
    }

    @Test
    void mapsGnuAndKernelNamesToDockers() {
        assertEquals(Optional.of(Platform.AMD64), Platform.ofChost("x86_64-pc-linux-gnu"));
        assertEquals(Optional.of(Platform.ARM64), Platform.ofChost("aarch64-unknown-linux-gnu"));
        assertEquals(Optional.of(Platform.ARM64), Platform.ofChost("aarch64-unknown-linux-musl"));
        assertEquals(Optional.of(new Platform("linux", "arm", "v7")), Platform.ofChost("armv7a-unknown-linux-gnueabihf"));
        assertEquals(Optional.of(new Platform("linux", "386", "")), Platform.ofChost("i686-pc-linux-gnu"));
        assertEquals(Optional.empty(), Platform.ofChost("mmix-unknown-linux-gnu"));
        assertEquals(Optional.of(Platform.ARM64), Platform.ofMachine("aarch64\n"));
        assertEquals("aarch64", Platform.ARM64.unameMachine());
        assertEquals("x86_64", Platform.AMD64.unameMachine());
    }

    @Test
    void chostAgreementIgnoresVendorAndLibcButNotTheArchitecture() {
        assertTrue(Platform.ARM64.agreesWith("aarch64-unknown-linux-gnu"));
        assertFalse(Platform.ARM64.agreesWith("x86_64-pc-linux-gnu"));
        assertFalse(Platform.AMD64.agreesWith("aarch64-unknown-linux-gnu"));
        assertTrue(Platform.AMD64.agreesWith("x86_64-gentoo-linux-musl"));
        assertFalse(Platform.AMD64.agreesWith("garbage"));
    }

    @Test
    void anImageConfigSpelledTheKernelsWayIsDockers() {
        assertEquals(Platform.ARM64, Platform.ofImage("linux", "aarch64", ""));
        assertEquals(Platform.AMD64, Platform.ofImage("", "x86_64", ""));
        assertEquals(new Platform("linux", "arm", "v7"), Platform.ofImage("linux", "arm", ""));
    }

    @Test
    void elfMachinesAndStageNames() {
        assertEquals(Optional.of(Platform.ARM64), Platform.ofElfMachine(183));
        assertEquals(Optional.of(Platform.AMD64), Platform.ofElfMachine(62));
        assertEquals(Optional.of(new Platform("linux", "riscv64", "")), Platform.ofElfMachine(243));
        assertEquals(Optional.empty(), Platform.ofElfMachine(9999));
        assertEquals(Optional.of(Platform.ARM64), Platform.ofStageName("stage3-arm64-openrc-20260101T170000Z.tar.xz"));
        assertEquals(Optional.of(Platform.AMD64),
                Platform.ofStageName("https://distfiles.gentoo.org/releases/amd64/autobuilds/x/stage3-amd64-systemd-x.tar.xz"));
        assertEquals(Optional.of(new Platform("linux", "arm", "v7")),
                Platform.ofStageName("stage3-armv7a_hardfp-openrc-20260101T170000Z.tar.xz"));
        assertEquals(Optional.empty(), Platform.ofStageName("root.tar.xz"));
    }

    @Test
    void binfmtHandlersAreQemuUserStatics() {
        assertEquals("qemu-aarch64", Platform.ARM64.binfmtHandler());
        assertEquals("qemu-riscv64", Platform.parse("linux/riscv64").binfmtHandler());
        assertEquals("qemu-arm", Platform.parse("linux/arm/v7").binfmtHandler());
    }
}
