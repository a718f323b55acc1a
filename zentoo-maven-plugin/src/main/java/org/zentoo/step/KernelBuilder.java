package org.zentoo.step;

import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.Mount;
import org.zentoo.engine.StreamPump;
import org.zentoo.kernel.KernelFragments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * zentoo:kernel for one machine: builds its KERNEL package with its config
 * fragments (reusing a binpkg made from the same fragments) and hands /boot,
 * /lib/modules and kernel.properties to a sink as a tar stream.
 *
 * <p>With the binhost as the store ({@link #fromBinhost}), the container stages those
 * files on the binhost as a tar ({@link BinhostStore#stageTree}), which Zentoo reads
 * back and removes: the container may run on another node, or be gone. The tar has the
 * entries {@code docker cp} gives, so the packed kernel is the same either way.
 */
public final class KernelBuilder {

    private static final String SCRIPT = ContainerScript.read(KernelBuilder.class, "kernel.sh");
    /** Where kernel.sh leaves the kernel's files. */
    static final String OUT_DIRECTORY = "/var/tmp/zentoo-kernel";
    private static final String OUT = OUT_DIRECTORY + "/.";

    private final StepRunner steps;
    private final Builder builder;
    private final BinhostStore store;
    private final Path credentials;
    private final String run;

    public KernelBuilder(StepRunner steps, Builder builder) {
        this(steps, builder, null, null, null);
    }

    private KernelBuilder(StepRunner steps, Builder builder, BinhostStore store, Path credentials, String run) {
        this.steps = steps;
        this.builder = builder;
        this.store = store;
        this.credentials = credentials;
        this.run = run;
    }

    /**
     * The same kernel builder, whose container stages the kernel's files at
     * {@code <store>/.zentoo-staging/<run>/<machine>.kernel.tar}, holding only
     * {@code credentials} (the staging user's {@code user:password}), mounted in /dev/shm
     * as an assembly's are. {@code builder} must have the binhost as its store too.
     */
    public KernelBuilder fromBinhost(BinhostStore store, Path credentials, String run) {
        return new KernelBuilder(steps, builder, store, credentials, run);
    }

    /**
     * @param change changes the container first (e.g. for distcc)
     * @param sink   receives the kernel files as a tar stream rooted at {@code ./}
     */
    public EmergeReport build(MachineJob job, UnaryOperator<ContainerSpec> change,
                              StreamPump.Reader sink)
            throws EngineException, StepFailedException, IOException {
        DockerEngine engine = steps.engine();
        EmergeReport report = new EmergeReport();
        return steps.step(job.id(), "kernel", container(job, change)).observe(report)
                .explain(e -> e.explained("KERNEL=\"" + job.kernel() + "\" could not be built or installed"))
                .run((id, log) -> {
                    if (store == null) {
                        StreamPump.pipe("kernel of " + job.id(), out -> engine.containers().copyOut(id, OUT, out),
                                sink);
                        return report;
                    }
                    String name = BinhostStore.kernelName(job.id());
                    try (InputStream staged = store.openStaged(run, name)) {
                        sink.readFrom(staged);
                    }
                    store.deleteStaged(run, name);
                    return report;
                });
    }

    /**
     * kernel.sh in the machine's build environment: it emerges the kernel's
     * dependencies into the machine's partition and the kernel into a partition
     * of its fragments, so it holds the store's lock as a build does. With the
     * binhost as the store, both partitions are the container's own directories
     * (nothing is fetched or uploaded), it holds no lock, and it stages its files.
     */
    ContainerSpec container(MachineJob job, UnaryOperator<ContainerSpec> change) throws IOException {
        String fragments = KernelFragments.identity(job.kernelConfig().resolve("config.d"));
        String kernelPkgdir = Volumes.pkgdir(job.partition() + "-kernel-" + fragments);
        ContainerSpec spec = change.apply(builder.environment(job, true))
                .env("ZENTOO_KERNEL", job.kernel())
                .env("ZENTOO_PKGDIR", job.pkgdir())
                .env("ZENTOO_KERNEL_PKGDIR", kernelPkgdir);
        if (store == null) {
            return StoreLock.shared(spec.script(SCRIPT));
        }
        return spec.mount(Mount.bind(credentials, BinhostStore.STAGING_CREDENTIALS_PATH, true))
                .script(store.helper() + SCRIPT + (SCRIPT.endsWith("\n") ? "" : "\n")
                        + store.stageTree(OUT_DIRECTORY, run, BinhostStore.kernelName(job.id())));
    }
}
