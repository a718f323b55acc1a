package org.zentoo.boot;

import org.zentoo.machine.Platform;

import java.util.List;

/**
 * The QEMU system emulator that boots a platform's kernel, and the little that differs
 * between platforms: the program, the board, the serial console's name and where to get
 * the program. Everything else of a boot (the shim, the checks, the bounds) is the same.
 *
 * <p>A platform is given as Docker names it ({@code linux/arm64}, {@code linux/arm64/v8}),
 * as a Gentoo or Debian arch ({@code arm64}, {@code amd64}) or as {@code uname -m} prints
 * it ({@code aarch64}, {@code x86_64}); none given means the host's.
 */
public enum QemuSystem {

    /** The PC machine QEMU picks by default; its first UART is ttyS0. */
    X86_64("amd64", "qemu-system-x86_64", List.of(), "ttyS0", "qemu-system-x86", "x86_64"),

    /**
     * {@code virt}: the generic board Debian's arm64 kernel supports from its device tree,
     * which QEMU generates. Its PL011 UART is ttyAMA0. There is no default board for aarch64.
     */
    AARCH64("arm64", "qemu-system-aarch64", List.of("-M", "virt"), "ttyAMA0", "qemu-system-arm",
            "aarch64");

    /** The host's, from the JVM's {@code os.arch} ({@code amd64}, {@code aarch64}); null on another. */
    private static final QemuSystem HOST = lookup(System.getProperty("os.arch"));

    private final String arch;
    private final String binary;
    private final List<String> board;
    private final String console;
    private final String debianPackage;
    private final String softmmuTarget;

    QemuSystem(String arch, String binary, List<String> board, String console,
               String debianPackage, String softmmuTarget) {
        this.arch = arch;
        this.binary = binary;
        this.board = board;
        this.console = console;
        this.debianPackage = debianPackage;
        this.softmmuTarget = softmmuTarget;
    }

    /**
     * @param platform {@code linux/arm64}, {@code arm64}, {@code aarch64}, …; null or blank for the host's
     * @throws IllegalArgumentException no QEMU system is known for it
     */
    public static QemuSystem forPlatform(String platform) {
        if (platform == null || platform.isBlank()) {
            if (HOST == null) {
                throw new IllegalArgumentException("no QEMU system is known for this host (os.arch "
                        + System.getProperty("os.arch") + "); name the machine's platform, or turn the boot test "
                        + "off with -Dzentoo.test.boot=false");
            }
            return HOST;
        }
        QemuSystem known = lookup(platform);
        if (known != null) {
            return known;
        }
        throw new IllegalArgumentException("no QEMU system is known for platform " + platform
                + "; machines of linux/amd64 and linux/arm64 boot, for another turn the boot test off with "
                + "-Dzentoo.test.boot=false");
    }

    private static QemuSystem lookup(String platform) {
        if (platform == null) {
            return null;
        }
        String arch;
        try {
            arch = Platform.parse(platform).arch();
        } catch (IllegalArgumentException notAPlatform) {
            return null;
        }
        for (QemuSystem s : values()) {
            if (s.arch.equals(arch)) {
                return s;
            }
        }
        return null;
    }

    /** {@code linux/arm64}: Docker's name of the platform. */
    public String platform() {
        return "linux/" + arch;
    }

    public String binary() {
        return binary;
    }

    /** Arguments that choose the board ({@code -M virt}); empty for QEMU's default. */
    public List<String> board() {
        return board;
    }

    /** The serial console's device name, for the kernel's {@code console=}. */
    public String console() {
        return console;
    }

    /** KVM can only run a guest of the host's architecture; any other boots under TCG. */
    public boolean kvmPossible() {
        return this == HOST;
    }

    /** What to install when {@link #binary()} is missing: the Debian and the Gentoo way. */
    public String installHint() {
        return "Debian: apt-get install " + debianPackage + "; Gentoo: emerge app-emulation/qemu with QEMU_SOFTMMU_TARGETS=\""
                + softmmuTarget + "\"";
    }
}
