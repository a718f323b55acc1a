package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.zentoo.archive.StageArchiver;
import org.zentoo.build.MachineJob;
import org.zentoo.build.Outcome;
import org.zentoo.machine.Machine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds each machine's KERNEL package with its stacked kernel.config fragments
 * and attaches /boot, /lib/modules and kernel.properties as {@code kernel-<machine>}.
 */
@Mojo(name = "kernel", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class KernelMojo extends AbstractArchiveMojo {

    /** Skips zentoo:kernel alone. */
    @Parameter(property = "zentoo.kernel.skip", defaultValue = "false")
    private boolean kernelSkip;

    @Component
    private MavenProjectHelper projectHelper;

    @Override
    protected String goal() {
        return "kernel";
    }

    @Override
    protected String goalSkipReason() {
        return kernelSkip ? "zentoo.kernel.skip=true" : null;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        StageArchiver archiver = archiver();
        Path out = outputDirectory.toPath().resolve("kernels");
        List<Attachment> attachments = new ArrayList<>();
        withPipeline((pipeline, machines) -> {
            List<Outcome> outcomes = new ArrayList<>();
            for (Machine machine : machines) {
                MachineJob job = pipeline.prepare(machine);
                String partition = pipeline.partition(job);
                Path tarball = out.resolve("kernel-" + job.classifierId() + archiveFormat().extension());
                Outcome outcome = pipeline.kernel(job, partition, archiver, tarball);
                outcomes.add(outcome);
                if (outcome.result().equals("OK")) {
                    attachments.add(new Attachment(archiveType(), "kernel-" + job.classifierId(), tarball));
                }
            }
            return outcomes;
        });
        attachments.forEach(a -> projectHelper.attachArtifact(project, a.type(), a.classifier(), a.file().toFile()));
    }
}
