package org.zentoo.boot;

import org.zentoo.archive.TarEntry;
import org.zentoo.archive.TarReader;
import org.zentoo.archive.EntryType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What a boot needs from Zentoo's kernel artifact (the tarball zentoo:kernel packs:
 * {@code ./boot}, {@code ./lib/modules/<version>/} and {@code ./kernel.properties}):
 * the kernel image, the initramfs the kernel package made if it made one (dracut's
 * {@code /boot/initramfs-<version>.img}, or {@code initrd.img-<version>}), and the version.
 * The modules are read from the tarball again when the initramfs is written.
 *
 * @param tarball   the kernel artifact
 * @param image     the kernel image, unpacked into the work directory
 * @param initramfs the package's own initramfs, unpacked, if the artifact has one
 * @param version   {@code version=} of kernel.properties, else the image's name after {@code vmlinuz-}
 */
public record KernelArtifact(Path tarball, Path image, Optional<Path> initramfs, String version) {

    /** Unpacks the kernel image (and initramfs) of {@code tarball} into {@code workDir}. */
    public static KernelArtifact unpack(Path tarball, Path workDir) throws IOException, BootException {
        Files.createDirectories(workDir);
        Path image = workDir.resolve("vmlinuz");
        Path initramfs = workDir.resolve("kernel-initramfs.img");
        Files.deleteIfExists(image);
        Files.deleteIfExists(initramfs);
        String imageName = null;
        boolean hasInitramfs = false;
        String version = null;
        try (InputStream in = Tarballs.open(tarball)) {
            TarReader reader = new TarReader(in);
            for (TarEntry e = reader.next(); e != null; e = reader.next()) {
                if (e.type() != EntryType.FILE) {
                    continue;
                }
                String name = Tarballs.cpioName(e.name());
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (name.equals("kernel.properties")) {
                    Properties p = new Properties();
                    p.load(new java.io.InputStreamReader(reader.data(), StandardCharsets.UTF_8));
                    String v = p.getProperty("version", "").split(",")[0].trim();
                    version = v.isEmpty() ? null : v;
                } else if (name.startsWith("boot/") && name.indexOf('/', 5) < 0) {
                    if (imageName == null && (base.startsWith("vmlinuz-") || base.startsWith("kernel-")
                            || base.equals("vmlinuz") || base.equals("bzImage"))) {
                        Files.copy(reader.data(), image, StandardCopyOption.REPLACE_EXISTING);
                        imageName = base;
                    } else if (!hasInitramfs && (base.startsWith("initramfs-") || base.startsWith("initrd.img-"))) {
                        Files.copy(reader.data(), initramfs, StandardCopyOption.REPLACE_EXISTING);
                        hasInitramfs = true;
                    }
                }
            }
        }
        if (imageName == null) {
            throw new BootException(tarball + " holds no kernel image (./boot/vmlinuz-<version>); "
                    + "expected the artifact zentoo:kernel packs");
        }
        if (version == null) {
            version = imageName.replaceFirst("^(vmlinuz|kernel)-?", "");
        }
        return new KernelArtifact(tarball, image, hasInitramfs ? Optional.of(initramfs) : Optional.empty(), version);
    }
}
