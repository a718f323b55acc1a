package org.zentoo.boot;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Boots a kernel and an initramfs in the {@link QemuSystem} of the machine's platform
 * ({@code qemu-system-x86_64}, {@code qemu-system-aarch64 -M virt}), a host process with
 * the serial console on its stdout, and reads the console into a {@link BootConsole}.
 *
 * <p>Acceleration: a foreign platform always boots under TCG (KVM runs only guests of
 * the host's architecture). With {@link Accelerator#AUTO}, KVM is tried when {@code /dev/kvm} is
 * readable and writable, and judged by the boot itself: if the kernel has not printed
 * its {@code Linux version} line within {@link Options#kvmProbe()} (a fraction of a
 * second where KVM works; on a host with broken nested virtualisation the guest may
 * hang instead, so the probe is only ever a bounded wait), QEMU is killed and the boot
 * starts again under TCG. The answer is kept for the JVM, so only the first boot pays.
 *
 * <p>No QEMU outlives a boot: on the bound, on an interrupt of the calling thread, on
 * any exception, and at JVM exit (a shutdown hook while it runs), QEMU and any process
 * it started are killed.
 */
public final class Qemu {

    public enum Accelerator { AUTO, KVM, TCG }

    /**
     * @param system      the platform's QEMU: board, console, and the program's default name
     * @param binary      the QEMU program, found on PATH unless a path
     * @param accelerator KVM, TCG, or AUTO (KVM when it answers within {@code kvmProbe})
     * @param timeout     the whole boot's bound, {@code zentoo.test.bootTimeout}
     * @param kvmProbe    how long AUTO waits for the kernel's first line under KVM
     * @param memoryMiB   guest memory; 0 sizes it from the initramfs
     */
    public record Options(QemuSystem system, String binary, Accelerator accelerator, Duration timeout,
                          Duration kvmProbe, int memoryMiB) {

        /** TCG boots of a ~500 MB stage took about 20 s here; 300 s leaves room for slow CI hosts. */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

        /** The x86_64 PC. */
        public static Options defaults() {
            return of(QemuSystem.X86_64);
        }

        /** Defaults for a platform's QEMU, see {@link QemuSystem#forPlatform(String)}. */
        public static Options forPlatform(String platform) {
            return of(QemuSystem.forPlatform(platform));
        }

        private static Options of(QemuSystem system) {
            return new Options(system, system.binary(), Accelerator.AUTO, DEFAULT_TIMEOUT, Duration.ofSeconds(10), 0);
        }

        public Options withTimeout(Duration value) {
            return new Options(system, binary, accelerator, value, kvmProbe, memoryMiB);
        }

        public Options withAccelerator(Accelerator value) {
            return new Options(system, binary, value, timeout, kvmProbe, memoryMiB);
        }
    }

    private static final Map<String, Boolean> KVM_WORKS = new ConcurrentHashMap<>();
    private static final Path DEV_KVM = Path.of("/dev/kvm");

    private final Options options;

    public Qemu(Options options) {
        this.options = options;
    }

    /**
     * Guest memory for an initramfs of {@code bytes}: three times the archive plus 768 MiB,
     * rounded up to 64 MiB. The archive and its unpacked copy are both in memory until the
     * kernel frees the archive, and the root (tmpfs, as no {@code root=} is given) may fill
     * only part of the memory. Measured with Debian's 6.1 kernel and a 451 MiB archive:
     * 1536 MiB (twice plus 512) ended in "Initramfs unpacking failed: write error",
     * 2048 MiB unpacked it.
     */
    public static int memoryFor(long bytes) {
        long mib = 3 * ((bytes + (1 << 20) - 1) >> 20) + 768;
        return (int) ((mib + 63) / 64 * 64);
    }

    /** The command line of one boot. */
    public List<String> command(Path kernel, Path initrd, Accelerator accelerator, int memoryMiB) {
        QemuSystem system = options.system();
        List<String> cmd = new ArrayList<>(List.of(options.binary()));
        cmd.addAll(system.board());
        cmd.addAll(List.of(
                "-accel", accelerator == Accelerator.KVM ? "kvm" : "tcg",
                "-cpu", accelerator == Accelerator.KVM ? "host" : "max",
                "-m", Integer.toString(memoryMiB), "-smp", "1",
                "-nodefaults", "-no-user-config", "-display", "none", "-monitor", "none",
                "-serial", "stdio", "-no-reboot",
                "-kernel", kernel.toString(), "-initrd", initrd.toString(),
                "-append", "console=" + system.console() + " rdinit=/init panic=-1 oops=panic"));
        return cmd;
    }

    /**
     * Boots and returns when QEMU has ended (or was killed on the bound).
     *
     * @param console every console line, as it comes
     * @throws BootException when QEMU is not there or does not start
     */
    public BootResult boot(Path kernel, Path initrd, Consumer<String> console)
            throws BootException, IOException, InterruptedException {
        String binary = locate(options.binary(), options.system());
        int memory = options.memoryMiB() > 0 ? options.memoryMiB() : memoryFor(Files.size(initrd));
        Accelerator accelerator = options.accelerator();
        if (accelerator == Accelerator.AUTO) {
            Boolean known = KVM_WORKS.get(binary);
            if (!options.system().kvmPossible() || Boolean.FALSE.equals(known) || !Files.isReadable(DEV_KVM)
                    || !Files.isWritable(DEV_KVM)) {
                accelerator = Accelerator.TCG;
            } else {
                Run probe = new Run(command(kernel, initrd, Accelerator.KVM, memory), console);
                probe.start();
                boolean answered = probe.kernelSpoke(options.kvmProbe());
                KVM_WORKS.put(binary, answered);
                if (answered) {
                    return probe.finish(options.timeout(), "kvm", memory);
                }
                probe.kill();
                console.accept("[zentoo] KVM: no kernel line within " + options.kvmProbe().toSeconds()
                        + " s; booting again under TCG");
                accelerator = Accelerator.TCG;
            }
        }
        Run run = new Run(command(kernel, initrd, accelerator, memory), console);
        run.start();
        return run.finish(options.timeout(), accelerator == Accelerator.KVM ? "kvm" : "tcg", memory);
    }

    /** Whether the last AUTO probe found KVM working for {@code binary}: null when none ran. */
    public static Boolean kvmProbeResult(String binary) {
        return KVM_WORKS.get(binary);
    }

    private static String locate(String binary, QemuSystem system) throws BootException {
        if (binary.contains("/")) {
            if (Files.isExecutable(Path.of(binary))) {
                return binary;
            }
        } else {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, binary);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new BootException(binary + " was not found" + (binary.contains("/") ? "" : " on PATH")
                + ": the boot test runs " + system.platform() + " machines in it. Install it (" + system.installHint()
                + "), or turn the boot test off with -Dzentoo.test.boot=false");
    }

    /** One QEMU process, its console reader and its guards. */
    private static final class Run {
        private final List<String> command;
        private final Consumer<String> sink;
        private final BootConsole console = new BootConsole();
        private final CountDownLatch kernelLine = new CountDownLatch(1);
        private Process process;
        private Thread reader;
        private Thread hook;
        private long started;

        Run(List<String> command, Consumer<String> sink) {
            this.command = command;
            this.sink = sink;
        }

        void start() throws BootException {
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new BootException("could not start " + command.get(0) + ": " + e.getMessage()
                        + "; install QEMU or turn the boot test off with -Dzentoo.test.boot=false", e);
            }
            started = System.nanoTime();
            hook = new Thread(this::kill, "zentoo-qemu-kill");
            Runtime.getRuntime().addShutdownHook(hook);
            reader = new Thread(this::read, "zentoo-qemu-console");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (console) {
                        console.accept(line);
                    }
                    if (line.contains("Linux version")) {
                        kernelLine.countDown();
                    }
                    sink.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                }
            } catch (IOException e) {
                // QEMU was killed while a line was read: the result says how the boot ended.
            }
        }

        boolean kernelSpoke(Duration bound) throws InterruptedException {
            try {
                return kernelLine.await(bound.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                kill();
                throw e;
            }
        }

        BootResult finish(Duration bound, String accelerator, int memory) throws InterruptedException {
            boolean exited;
            try {
                long left = bound.toNanos() - (System.nanoTime() - started);
                exited = process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS);
            } finally {
                kill();
            }
            reader.join(5000);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            synchronized (console) {
                List<TestResult> tests = console.results();
                long failed = tests.stream().filter(t -> !t.passed()).count();
                BootResult.State state;
                String message;
                String running = console.running().isEmpty() ? "" : "; test " + console.running()
                        + " was running";
                if (!console.unpackFailure().isEmpty()) {
                    state = BootResult.State.CRASHED;
                    message = "the kernel did not unpack the whole initramfs (" + console.unpackFailure()
                            + "), so the stage was incomplete; give the guest more memory than " + memory
                            + " MiB or make the stage smaller";
                } else if (!console.shimError().isEmpty()) {
                    state = BootResult.State.CRASHED;
                    message = "/init: " + console.shimError();
                } else if (!exited) {
                    state = BootResult.State.TIMED_OUT;
                    message = "the machine did not finish its boot tests within " + bound.toSeconds()
                            + " s (zentoo.test.bootTimeout)" + running + "; QEMU was killed";
                } else if (!console.ended()) {
                    state = BootResult.State.CRASHED;
                    message = "QEMU ended (exit status " + process.exitValue() + ") before the boot tests did"
                            + running + (console.kernelRelease().isEmpty()
                            ? "; /init never ran (see the console tail)" : "");
                } else if (failed > 0) {
                    state = BootResult.State.TESTS_FAILED;
                    message = failed + " of " + tests.size() + " boot tests failed";
                } else {
                    state = BootResult.State.PASSED;
                    message = "";
                }
                return new BootResult(state, console.kernelLine(), accelerator, tests, elapsed, console.tail(),
                        message);
            }
        }

        /** Kills QEMU and whatever it started; waits for it to be gone (bounded). */
        void kill() {
            if (process == null) {
                return;
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (hook != null && Thread.currentThread() != hook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
                hook = null;
            }
        }
    }
}
