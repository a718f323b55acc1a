package org.zentoo.boot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.testing.Strict;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stage and a kernel artifact packed by GNU tar, turned into an initramfs, listed
 * and unpacked by GNU cpio.
 */
class InitramfsTest {

    @TempDir
    Path tmp;

    @Test
    void theStageBecomesARootWithRealConsoleInitModulesAndTests() throws Exception {
        Strict.assume(CpioWriterTest.hasCpio(), "GNU cpio (apt-get install cpio)");
        // A merged-usr stage as docker export leaves it: /dev/console an empty file, /lib a symlink.
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(root.resolve("usr/lib"));
        Files.createDirectories(root.resolve("usr/bin"));
        Files.createDirectories(root.resolve("dev"));
        Files.createDirectories(root.resolve("var/lib"));
        Files.createFile(root.resolve("dev/console"));
        Files.writeString(root.resolve("usr/bin/tool"), "tool");
        Files.createLink(root.resolve("usr/bin/tool-alias"), root.resolve("usr/bin/tool"));
        Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));
        Files.writeString(root.resolve("init"), "the stage's own init");
        Path stage = tmp.resolve("stage3-m.tar");
        CpioWriterTest.run(root, null, "tar", "--sort=name", "-cf", stage.toString(), ".");

        Path k = Files.createDirectories(tmp.resolve("k"));
        Files.createDirectories(k.resolve("boot"));
        Files.createDirectories(k.resolve("lib/modules/9.9.9-test/kernel/drivers"));
        Files.writeString(k.resolve("boot/vmlinuz-9.9.9-test"), "image");
        Files.writeString(k.resolve("boot/initramfs-9.9.9-test.img"), "own");
        Files.writeString(k.resolve("lib/modules/9.9.9-test/kernel/drivers/x.ko"), "module");
        Files.writeString(k.resolve("kernel.properties"), "version=9.9.9-test\npackage=sys-kernel/x-1::gentoo\n");
        Path kernelTar = tmp.resolve("kernel-m.tar.zst");
        CpioWriterTest.run(k, null, "tar", "--sort=name", "--zstd", "-cf", kernelTar.toString(), ".");

        KernelArtifact kernel = KernelArtifact.unpack(kernelTar, tmp.resolve("work"));
        assertEquals("9.9.9-test", kernel.version());
        assertEquals("image", Files.readString(kernel.image()));
        assertEquals("own", Files.readString(kernel.initramfs().orElseThrow()));

        Path cpio = tmp.resolve("initramfs.cpio");
        try (OutputStream out = Files.newOutputStream(cpio)) {
            BootTest.writeInitrd(stage, kernel, List.of(Initramfs.Extra.text("var/lib/zentoo/boot/000", 0755,
                    "#!/bin/sh\ntrue\n")), out);
        }
        // The kernel's own initramfs comes first, padded to 4 bytes; GNU cpio reads the stage's from there.
        byte[] all = Files.readAllBytes(cpio);
        assertEquals("own\0", new String(all, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
        Path ours = tmp.resolve("ours.cpio");
        Files.write(ours, java.util.Arrays.copyOfRange(all, 4, all.length));

        String listing = CpioWriterTest.run(tmp, ours, "cpio", "-t", "-v", "--quiet");
        List<String> names = CpioWriterTest.names(listing);
        assertEquals(List.of(".", "dev", "proc", "sys", "dev/console", "dev/null", "init"), names.subList(0, 7),
                listing);
        assertEquals(1, names.stream().filter("dev/console"::equals).count(), listing);
        assertEquals(1, names.stream().filter("init"::equals).count(), listing);
        assertTrue(listing.lines().anyMatch(l -> l.matches("crw------- +1 root +root +5, +1 .* dev/console")),
                listing);
        assertTrue(listing.lines().anyMatch(l -> l.matches("crw-rw-rw- +1 root +root +1, +3 .* dev/null")),
                listing);
        // Modules through the stage's /lib -> usr/lib symlink, which stays a symlink.
        assertTrue(names.contains("usr/lib/modules/9.9.9-test/kernel/drivers/x.ko"), listing);
        assertFalse(names.contains("lib/modules"), listing);
        assertTrue(listing.lines().anyMatch(l -> l.startsWith("lrwxrwxrwx") && l.endsWith(" lib -> usr/lib")),
                listing);
        assertTrue(names.indexOf("var/lib/zentoo") > names.indexOf("var/lib"), listing);

        Path x = Files.createDirectory(tmp.resolve("x"));
        CpioWriterTest.run(x, ours, "cpio", "-i", "-d", "-m", "--quiet", "--no-absolute-filenames");
        assertEquals(new String(BootTest.initScript(), java.nio.charset.StandardCharsets.UTF_8),
                Files.readString(x.resolve("init")));
        assertTrue(Files.isExecutable(x.resolve("init")));
        assertEquals("tool", Files.readString(x.resolve("usr/bin/tool-alias")));
        assertEquals(Files.getAttribute(x.resolve("usr/bin/tool"), "unix:ino"),
                Files.getAttribute(x.resolve("usr/bin/tool-alias"), "unix:ino"));
        assertEquals("module", Files.readString(x.resolve("usr/lib/modules/9.9.9-test/kernel/drivers/x.ko")));
        assertEquals("#!/bin/sh\ntrue\n", Files.readString(x.resolve("var/lib/zentoo/boot/000")));
    }

    @Test
    void aKernelArtifactWithoutImageIsRefused() throws Exception {
        Path k = Files.createDirectories(tmp.resolve("k/boot"));
        Files.writeString(k.resolve("config-1"), "CONFIG_64BIT=y\n");
        Path kernelTar = tmp.resolve("kernel-m.tar");
        CpioWriterTest.run(tmp.resolve("k"), null, "tar", "-cf", kernelTar.toString(), ".");
        BootException e = org.junit.jupiter.api.Assertions.assertThrows(BootException.class,
                () -> KernelArtifact.unpack(kernelTar, tmp.resolve("work")));
        assertTrue(e.getMessage().contains("no kernel image"), e.getMessage());
    }
}
