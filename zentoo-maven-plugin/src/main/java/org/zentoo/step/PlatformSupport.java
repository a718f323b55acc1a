package org.zentoo.step;

import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.EngineException;
import org.zentoo.machine.Platform;
import org.zentoo.seed.SeedException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the Docker host can run a machine's platform, asked before any other container
 * of the machine starts: {@code uname -m} runs in the seed itself, as that platform. A
 * foreign binary runs only through a binfmt_misc handler (QEMU user emulation, which
 * reports the emulated machine), so the answer also proves that the seed's binaries are
 * of the platform its label or config claims. There is no fallback to another platform.
 */
public final class PlatformSupport {

    private final StepRunner steps;

    public PlatformSupport(StepRunner steps) {
        this.steps = steps;
    }

    /**
     * @param where the seed's place in the config, for the message ({@code SEED="…" (machine.conf:2)})
     * @throws SeedException when the host cannot run the platform, or the seed is not of it
     */
    public void require(String machine, String image, Platform platform, Platform host, String where)
            throws SeedException, EngineException, IOException {
        List<String> lines = new ArrayList<>();
        ContainerSpec spec = new ContainerSpec(image).machine(machine).platform(platform).network("none")
                .command("uname", "-m");
        String failure = null;
        try {
            steps.run(machine, "platform", spec, lines::add);
        } catch (StepFailedException e) {
            failure = e.getMessage();
        } catch (EngineException e) {
            if (!execFormatError(e.getMessage())) {
                throw e;
            }
            failure = e.getMessage();
        }
        if (failure != null) {
            String said = String.join("\n", lines) + "\n" + failure;
            throw new SeedException(SeedException.Problem.PLATFORM_UNSUPPORTED, execFormatError(said)
                    ? missingHandler(machine, where, platform, host)
                    : "[" + machine + "] " + where + " is " + platform + ", and `uname -m` failed in it on this Docker"
                    + " host (" + host + "): " + lastLine(said) + ". Expected it to print "
                    + platform.unameMachine() + "; check the seed image and the host's binfmt_misc handler "
                    + platform.binfmtHandler());
        }
        String printed = lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
        if (!platform.arch().equals(Platform.ofMachine(printed).map(Platform::arch).orElse(""))) {
            throw new SeedException(SeedException.Problem.PLATFORM, "[" + machine + "] " + where + " says it is "
                    + platform + ", but its `uname -m` prints \"" + printed + "\" (expected "
                    + platform.unameMachine() + "): its binaries are of another platform. Correct the image's "
                    + Platform.LABEL + " label where it is imported, or use a seed of " + platform);
        }
    }

    /** Whether the daemon or the container said the kernel cannot execute the binary. */
    static boolean execFormatError(String text) {
        return text != null && text.toLowerCase(java.util.Locale.ROOT).contains("exec format error");
    }

    /**
     * What the user reads when the kernel has no binfmt_misc handler for the platform: the
     * handler, the packages that provide it, and the commands that register it.
     */
    public static String missingHandler(String machine, String where, Platform platform, Platform host) {
        String handler = platform.binfmtHandler();
        return "[" + machine + "] " + where + " is " + platform + ", which this Docker host (" + host
                + ") cannot run: `uname -m` in the seed failed with \"exec format error\", so the kernel has no"
                + " binfmt_misc handler " + handler + " (see /proc/sys/fs/binfmt_misc/). Zentoo does not fall back to"
                + " another platform. Install QEMU user emulation on the Docker host: Debian/Ubuntu qemu-user-static"
                + " and binfmt-support, Gentoo app-emulation/qemu[static-user]; mount binfmt_misc if it is not"
                + " (mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc) and register the handler (Debian:"
                + " update-binfmts --enable " + handler + "; Gentoo: rc-service qemu-binfmt start), then build again";
    }

    /**
     * What the user reads when a seed's platform is not the one its profile's CHOST
     * builds for: both, with the config lines that chose them.
     */
    public static String chostMismatch(String machine, String seedWhere, Platform platform, String profileWhere,
                                       String chost) {
        String builds = Platform.ofChost(chost).map(Platform::toString).orElse("an architecture Zentoo has no name for");
        return "[" + machine + "] the seed is " + platform + " (" + seedWhere + "), but its profile's CHOST is " + chost
                + ", which builds for " + builds + " (" + profileWhere + "); a machine's seed and profile must be of one"
                + " architecture. Use a seed of " + Platform.ofChost(chost).map(Platform::toString).orElse("that CHOST")
                + " or a profile of " + platform + " (a root imported with docker import is recorded as amd64 unless"
                + " its image has the label " + Platform.LABEL + ")";
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
