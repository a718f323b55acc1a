package org.zentoo.step;

import org.zentoo.step.Builder;
import org.zentoo.step.ContainerScript;
import org.zentoo.step.EmergeReport;
import org.zentoo.step.MachineJob;
import org.zentoo.step.StepFailedException;
import org.zentoo.step.StepRunner;
import org.zentoo.step.Volumes;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.StreamPump;

import java.io.IOException;
import java.util.function.UnaryOperator;
import org.zentoo.kernel.KernelFragments;

/**
 * zentoo:kernel for one machine: builds its KERNEL package with its config
 * fragments (reusing a binpkg made from the same fragments) and hands /boot,
 * /lib/modules and kernel.properties to a sink as a tar stream.
 */
public final class KernelBuilder {

    private static final String SCRIPT = ContainerScript.read(KernelBuilder.class, "kernel.sh");
    private static final String OUT = "/var/tmp/zentoo-kernel/.";

    private final StepRunner steps;
    private final Builder builder;

    public KernelBuilder(StepRunner steps, Builder builder) {
        this.steps = steps;
        this.builder = builder;
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
                    StreamPump.pipe("kernel of " + job.id(), out -> engine.containers().copyOut(id, OUT, out), sink);
                    return report;
                });
    }

    /**
     * kernel.sh in the machine's build environment: it emerges the kernel's
     * dependencies into the machine's partition and the kernel into a partition
     * of its fragments, so it holds the store's lock as a build does.
     */
    ContainerSpec container(MachineJob job, UnaryOperator<ContainerSpec> change) throws IOException {
        String fragments = KernelFragments.identity(job.kernelConfig().resolve("config.d"));
        String kernelPkgdir = Volumes.pkgdir(job.partition() + "-kernel-" + fragments);
        ContainerSpec spec = change.apply(builder.environment(job, true))
                .env("ZENTOO_KERNEL", job.kernel())
                .env("ZENTOO_PKGDIR", job.pkgdir())
                .env("ZENTOO_KERNEL_PKGDIR", kernelPkgdir)
                .script(SCRIPT);
        return StoreLock.shared(spec);
    }

}
