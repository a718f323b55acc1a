package org.zentoo.pipeline;

import org.zentoo.binhost.BinhostPublisher;
import org.zentoo.binhost.BinhostTarget;
import org.zentoo.engine.EngineException;
import org.zentoo.step.MachineJob;
import org.zentoo.step.PartitionExport;
import org.zentoo.step.StepFailedException;
import org.zentoo.step.StepRunner;
import org.zentoo.step.Volumes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * zentoo:binhost's work for one machine: its partition copied out of the store
 * (read-only) into a scratch directory and published there, once per partition
 * however many machines share it.
 */
public final class PartitionPublisher {

    /** Where a partition goes: its own target below the binhost URL. */
    @FunctionalInterface
    public interface Targets {
        BinhostTarget partition(String partition) throws IOException;
    }

    private final StepRunner steps;
    private final Volumes volumes;
    private final Targets targets;
    private final PipelineSettings.Console console;
    private final Map<String, String> published = new HashMap<>();

    PartitionPublisher(StepRunner steps, Volumes volumes, Targets targets, PipelineSettings.Console console) {
        this.steps = steps;
        this.volumes = volumes;
        this.targets = targets;
        this.console = console;
    }

    /** Publishes the machine's partition unless an earlier machine did; says what the publish did. */
    String publish(MachineJob job) throws StepFailedException, EngineException, IOException {
        String done = published.get(job.partition());
        if (done != null) {
            return "partition published above: " + done;
        }
        Path dir = Files.createTempDirectory("zentoo-binhost");
        try {
            new PartitionExport(steps, volumes).export(job, dir);
            BinhostTarget target = targets.partition(job.partition());
            console.info(job.id(), "publishing partition " + job.partition() + " to " + target.describe());
            BinhostPublisher.Report report = new BinhostPublisher(target).publish(dir);
            String detail = report.uploaded() + " files uploaded (" + report.uploadedBytes() / 1024 + " KiB), "
                    + report.unchanged() + " unchanged";
            console.info(job.id(), "partition " + job.partition() + ": " + detail);
            published.put(job.partition(), detail);
            return detail;
        } finally {
            org.zentoo.files.Trees.delete(dir);
        }
    }

}
