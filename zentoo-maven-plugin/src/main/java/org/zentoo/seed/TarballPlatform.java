package org.zentoo.seed;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.zentoo.machine.Platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The platform of a stage3 tarball, which Docker cannot tell when it imports one: the
 * architecture Gentoo's file name gives ({@code stage3-arm64-…}), else the machine of
 * the first ELF file inside. Both must agree when both speak.
 */
public final class TarballPlatform {

    private TarballPlatform() {
    }

    /**
     * @param fileName its published name, whose suffix tells the compression
     * @param display  how to name it in errors (URL or path)
     */
    public static Platform of(Path tarball, String fileName, String display) throws SeedException {
        Optional<Platform> named = Platform.ofStageName(fileName);
        Optional<Platform> elf;
        try {
            elf = firstElf(tarball, fileName);
        } catch (IOException e) {
            throw new SeedException(SeedException.Problem.UNSAFE_TARBALL, "tarball " + display
                    + " cannot be read to find its architecture: " + e.getMessage(), e);
        }
        if (named.isPresent() && elf.isPresent() && !named.get().arch().equals(elf.get().arch())) {
            throw new SeedException(SeedException.Problem.PLATFORM, "tarball " + display + " is named "
                    + named.get() + " but its binaries are " + elf.get() + "; expected a stage3 whose name says its"
                    + " architecture. Use the tarball of the architecture you meant");
        }
        return elf.or(() -> named).orElseThrow(() -> new SeedException(SeedException.Problem.PLATFORM,
                "tarball " + display + " has no ELF file of a known architecture and its name does not say one"
                        + " (stage3-<arch>-…); expected a stage3 root"));
    }

    /** The machine of the first ELF file in the tarball, from its header's e_machine. */
    static Optional<Platform> firstElf(Path tarball, String fileName) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(TarballContainment.decompressed(tarball, fileName))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (!entry.isFile() || entry.getSize() < 20) {
                    continue;
                }
                byte[] header = tar.readNBytes(20);
                if (header.length == 20 && header[0] == 0x7f && header[1] == 'E' && header[2] == 'L' && header[3] == 'F') {
                    // e_machine is at offset 18 in the byte order EI_DATA (offset 5) names: 1 little, 2 big.
                    int machine = header[5] == 2 ? ((header[18] & 0xff) << 8) | (header[19] & 0xff)
                            : ((header[19] & 0xff) << 8) | (header[18] & 0xff);
                    Optional<Platform> p = Platform.ofElfMachine(machine);
                    if (p.isPresent()) {
                        return p;
                    }
                }
            }
        }
        return Optional.empty();
    }
}
