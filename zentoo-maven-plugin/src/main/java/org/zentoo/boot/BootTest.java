package org.zentoo.boot;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Boots one machine's stage with its kernel in QEMU and runs its boot tests there:
 * Zentoo's built-in boot checks, the caller's checks, then the site's {@code tests/boot}
 * scripts, each reported as a {@link TestResult}.
 *
 * <p>The initramfs QEMU gets is the kernel artifact's own initramfs, if it carries one
 * (dracut's {@code /boot/initramfs-<version>.img}), followed by the stage's cpio
 * ({@link Initramfs}). The kernel unpacks concatenated archives in order into one
 * root, a later file replacing an earlier one, so the stage and Zentoo's {@code /init}
 * win and {@code rdinit=/init} runs the shim, never dracut's init. What the package's
 * initramfs adds and the stage lacks (firmware, early microcode, modules built into
 * the image) stays available. Dracut's init is not needed: the root is the stage in
 * memory, there is no disk to find and mount.
 */
public final class BootTest {

    /** Where the shim finds the tests, inside the initramfs. */
    static final String DIR = "var/lib/zentoo/boot";
    private static final String[] BUILT_IN = {"kernel-modules"};

    /**
     * @param stage       the machine's stage tarball ({@code .tar.zst}, {@code .tar.xz} or plain {@code .tar})
     * @param kernel      the machine's kernel artifact (zentoo:kernel's tarball)
     * @param checks      more check scripts to run first (after the built-in ones), reported as {@code check/<file>}
     * @param bootScripts the site's {@code tests/boot} scripts in run order, reported as {@code boot/<file>}
     * @param workDir     where the kernel image and the initramfs are written (the initramfs is removed after)
     * @param options     QEMU's options: timeout ({@code zentoo.test.bootTimeout}), accelerator, memory
     */
    public record Request(Path stage, Path kernel, List<Path> checks, List<Path> bootScripts, Path workDir,
                          Qemu.Options options) {
        public Request {
            checks = List.copyOf(checks);
            bootScripts = List.copyOf(bootScripts);
        }
    }

    private BootTest() {
    }

    /** The simple form: built-in checks and {@code bootScripts}, default options but the timeout. */
    public static BootResult run(Path stage, Path kernel, List<Path> bootScripts, Path workDir, Duration timeout,
                                 Consumer<String> console) throws BootException, IOException, InterruptedException {
        return run(new Request(stage, kernel, List.of(), bootScripts, workDir,
                Qemu.Options.defaults().withTimeout(timeout)), console);
    }

    /**
     * Boots and returns how it went. A failing or hanging test is a result, not an exception.
     *
     * @throws BootException the host cannot boot (no QEMU) or the kernel artifact has no image
     */
    public static BootResult run(Request request, Consumer<String> console)
            throws BootException, IOException, InterruptedException {
        Files.createDirectories(request.workDir());
        KernelArtifact kernel = KernelArtifact.unpack(request.kernel(), request.workDir());
        List<Initramfs.Extra> extras = new ArrayList<>();
        StringBuilder order = new StringBuilder();
        Set<String> names = new HashSet<>();
        for (String builtIn : BUILT_IN) {
            add(extras, order, names, "check/" + builtIn, resource("checks/" + builtIn));
        }
        for (Path check : request.checks()) {
            add(extras, order, names, "check/" + check.getFileName(), Files.readAllBytes(check));
        }
        for (Path script : request.bootScripts()) {
            add(extras, order, names, "boot/" + script.getFileName(), Files.readAllBytes(script));
        }
        extras.add(Initramfs.Extra.text(DIR + "/order", 0644, order.toString()));
        Path initrd = request.workDir().resolve("initramfs.cpio");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(initrd), 1 << 16)) {
                writeInitrd(request.stage(), kernel, extras, out);
            }
            console.accept("[zentoo] booting kernel " + kernel.version() + " with an initramfs of "
                    + (Files.size(initrd) >> 20) + " MiB" + kernel.initramfs().map(p -> " (the kernel's own first)")
                    .orElse(""));
            BootResult result = new Qemu(request.options()).boot(kernel.image(), initrd, console);
            int expected = order.toString().split("\n").length;
            boolean ran = result.state() == BootResult.State.PASSED
                    || result.state() == BootResult.State.TESTS_FAILED;
            if (ran && result.tests().size() != expected) {
                return new BootResult(BootResult.State.CRASHED, result.kernelVersion(), result.accelerator(),
                        result.tests(), result.elapsed(), result.consoleTail(), "only " + result.tests().size()
                        + " of " + expected + " boot tests reported a result");
            }
            return result;
        } finally {
            Files.deleteIfExists(initrd);
        }
    }

    /** The kernel's own initramfs (padded to 4 bytes), then the stage's. */
    static void writeInitrd(Path stage, KernelArtifact kernel, List<Initramfs.Extra> extras, OutputStream out)
            throws IOException {
        Optional<Path> own = kernel.initramfs();
        if (own.isPresent()) {
            long n = Files.copy(own.get(), out);
            out.write(new byte[(int) ((4 - n % 4) % 4)]);
        }
        Initramfs.write(stage, kernel, resource("init.sh"), extras, out);
    }

    /** The {@code /init} shim. */
    public static byte[] initScript() {
        return resource("init.sh");
    }

    private static void add(List<Initramfs.Extra> extras, StringBuilder order, Set<String> names, String wanted,
                            byte[] content) {
        String name = wanted.replaceAll("[^A-Za-z0-9._+/-]", "_");
        String unique = name;
        for (int i = 2; !names.add(unique); i++) {
            unique = name + "-" + i;
        }
        String file = String.format("%s/%03d", DIR, extras.size());
        extras.add(new Initramfs.Extra(file, 0755, content));
        order.append(unique).append(" /").append(file).append('\n');
    }

    private static byte[] resource(String name) {
        try (InputStream in = BootTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the plugin");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("resource " + name + " could not be read", e);
        }
    }
}
