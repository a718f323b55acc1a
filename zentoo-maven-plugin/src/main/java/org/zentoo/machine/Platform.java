package org.zentoo.machine;

import java.util.Locale;
import java.util.Optional;

/**
 * The platform a machine runs on, in Docker's words: {@code linux/amd64},
 * {@code linux/arm64}, {@code linux/arm/v7}. It is the one place that maps between
 * the three vocabularies an architecture goes by: Docker's ({@code arm64}), the
 * kernel's {@code uname -m} and the GNU triplet's first field ({@code aarch64}, as a
 * Gentoo CHOST starts).
 *
 * <p>A machine's platform comes from its seed: an image's {@link #LABEL} when present
 * (a root imported with {@code docker import} is recorded as amd64 by Docker 20.10
 * unless the daemon runs in experimental mode, so whoever imports one records its
 * platform in that label), else the image's own Architecture and Variant.
 *
 * @param os      {@code linux}
 * @param arch    Docker's architecture name
 * @param variant {@code v7} for 32-bit ARM, else empty
 */
public record Platform(String os, String arch, String variant) {

    /** The image label that records the platform of an imported root. */
    public static final String LABEL = "org.zentoo.platform";

    public static final Platform AMD64 = new Platform("linux", "amd64", "");
    public static final Platform ARM64 = new Platform("linux", "arm64", "");

    /** Docker's name, the GNU/kernel name, and the binfmt_misc handler qemu-user-static registers. */
    private enum Arch {
        AMD64("amd64", "", "x86_64", "qemu-x86_64"),
        I386("386", "", "i686", "qemu-i386"),
        ARM64("arm64", "", "aarch64", "qemu-aarch64"),
        ARMV7("arm", "v7", "armv7l", "qemu-arm"),
        ARMV6("arm", "v6", "armv6l", "qemu-arm"),
        PPC64LE("ppc64le", "", "ppc64le", "qemu-ppc64le"),
        S390X("s390x", "", "s390x", "qemu-s390x"),
        RISCV64("riscv64", "", "riscv64", "qemu-riscv64");

        final String docker;
        final String variant;
        final String gnu;
        final String binfmt;

        Arch(String docker, String variant, String gnu, String binfmt) {
            this.docker = docker;
            this.variant = variant;
            this.gnu = gnu;
            this.binfmt = binfmt;
        }
    }

    public Platform {
        os = os == null || os.isBlank() ? "linux" : os;
        // v8 is arm64's only variant, which Docker writes or leaves out: one platform either way.
        variant = variant == null || (arch.equals("arm64") && variant.equals("v8")) ? "" : variant;
    }

    /**
     * Parses {@code os/arch[/variant]} as Docker writes it ({@code linux/arm64},
     * {@code linux/arm/v7}); a bare {@code arm64} means linux.
     */
    public static Platform parse(String text) {
        String[] parts = text.strip().toLowerCase(Locale.ROOT).split("/");
        if (text.isBlank() || parts.length > 3 || java.util.Arrays.stream(parts).anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("\"" + text + "\" is not a platform; expected os/arch[/variant],"
                    + " e.g. linux/arm64");
        }
        if (parts.length == 1) {
            return new Platform("linux", normalise(parts[0]), "");
        }
        return new Platform(parts[0], normalise(parts[1]), parts.length == 3 ? parts[2] : "");
    }

    /**
     * An image's platform as its config says (Architecture, Variant, Os); Docker spells
     * some architectures the kernel's way in old images ({@code x86_64}, {@code aarch64}).
     */
    public static Platform ofImage(String os, String architecture, String variant) {
        Platform p = new Platform(os, normalise(architecture == null ? "" : architecture), variant);
        return p.arch().equals("arm") && p.variant().isEmpty() ? new Platform(p.os(), "arm", "v7") : p;
    }

    /** The platform of what {@code uname -m} prints, or of a CHOST's first field. */
    public static Optional<Platform> ofMachine(String unameM) {
        String m = unameM.strip().toLowerCase(Locale.ROOT);
        if (m.matches("i[3-6]86")) {
            return Optional.of(new Platform("linux", "386", ""));
        }
        if (m.startsWith("armv7")) {
            return Optional.of(new Platform("linux", "arm", "v7"));
        }
        if (m.startsWith("armv6")) {
            return Optional.of(new Platform("linux", "arm", "v6"));
        }
        if (m.equals("arm64")) {
            return Optional.of(ARM64);
        }
        for (Arch a : Arch.values()) {
            if (a.gnu.equals(m)) {
                return Optional.of(new Platform("linux", a.docker, a.variant));
            }
        }
        return Optional.empty();
    }

    /**
     * The platform a CHOST builds for ({@code aarch64-unknown-linux-gnu} is linux/arm64),
     * or empty for an architecture Zentoo has no name for.
     */
    public static Optional<Platform> ofChost(String chost) {
        String c = chost.strip();
        int dash = c.indexOf('-');
        return dash <= 0 ? Optional.empty() : ofMachine(c.substring(0, dash));
    }

    /**
     * The platform of an ELF file's {@code e_machine} (ELF header offset 18), or empty
     * for a machine Zentoo has no name for.
     */
    public static Optional<Platform> ofElfMachine(int eMachine) {
        return switch (eMachine) {
            case 62 -> Optional.of(AMD64);
            case 183 -> Optional.of(ARM64);
            case 3 -> Optional.of(new Platform("linux", "386", ""));
            case 40 -> Optional.of(new Platform("linux", "arm", "v7"));
            case 21 -> Optional.of(new Platform("linux", "ppc64le", ""));
            case 22 -> Optional.of(new Platform("linux", "s390x", ""));
            case 243 -> Optional.of(new Platform("linux", "riscv64", ""));
            default -> Optional.empty();
        };
    }

    /**
     * The platform a Gentoo stage3 file name says: {@code stage3-arm64-openrc-20260101T170000Z.tar.xz}
     * is linux/arm64; empty when the name is not of that form.
     */
    public static Optional<Platform> ofStageName(String fileName) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|[/-])stage3-([a-z0-9_]+)-")
                .matcher(fileName.toLowerCase(Locale.ROOT));
        if (!m.find()) {
            return Optional.empty();
        }
        String arch = m.group(1);
        return switch (arch) {
            case "amd64" -> Optional.of(AMD64);
            case "arm64" -> Optional.of(ARM64);
            case "x86", "i486", "i686" -> Optional.of(new Platform("linux", "386", ""));
            case "riscv64" -> Optional.of(new Platform("linux", "riscv64", ""));
            case "ppc64le" -> Optional.of(new Platform("linux", "ppc64le", ""));
            case "s390x" -> Optional.of(new Platform("linux", "s390x", ""));
            default -> arch.startsWith("armv7") ? Optional.of(new Platform("linux", "arm", "v7"))
                    : arch.startsWith("armv6") ? Optional.of(new Platform("linux", "arm", "v6")) : Optional.empty();
        };
    }

    /** Whether a CHOST builds for this platform; a variant is not told apart (armv6j vs armv7a is Portage's). */
    public boolean agreesWith(String chost) {
        return ofChost(chost).map(p -> p.os.equals(os) && p.arch.equals(arch)).orElse(false);
    }

    /** {@code linux/arm64}, {@code linux/arm/v7}: the form Docker's API and the label take. */
    @Override
    public String toString() {
        return os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant);
    }

    /** {@code arm64}, {@code armv7}: short enough for a partition id. */
    public String shortName() {
        return arch + variant;
    }

    /** The kernel's name, as {@code uname -m} prints it in a container of this platform. */
    public String unameMachine() {
        return known().map(a -> a.gnu).orElse(arch);
    }

    /** The binfmt_misc handler qemu-user-static registers for it: {@code qemu-aarch64}. */
    public String binfmtHandler() {
        return known().map(a -> a.binfmt).orElse("qemu-" + arch);
    }

    private Optional<Arch> known() {
        for (Arch a : Arch.values()) {
            if (a.docker.equals(arch) && (a.variant.isEmpty() || a.variant.equals(variant))) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private static String normalise(String arch) {
        String a = arch.strip().toLowerCase(Locale.ROOT);
        return switch (a) {
            case "x86_64", "x86-64" -> "amd64";
            case "aarch64" -> "arm64";
            case "i386", "i686", "x86" -> "386";
            default -> a;
        };
    }
}
