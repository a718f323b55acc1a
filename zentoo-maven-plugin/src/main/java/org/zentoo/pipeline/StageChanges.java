package org.zentoo.pipeline;

import org.zentoo.changes.Changes;
import org.zentoo.changes.ChangesReport;
import org.zentoo.changes.InstalledPackage;
import org.zentoo.changes.StageRecord;
import org.zentoo.changes.StageRecords;
import org.zentoo.changes.UseOrigins;
import org.zentoo.config.ConfigException;
import org.zentoo.files.AtomicFile;
import org.zentoo.kernel.KernelOptions;
import org.zentoo.lock.MachineLock;
import org.zentoo.machine.Machine;
import org.zentoo.render.Layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * zentoo:assemble's last word per machine: compares the stage with the previous
 * one ({@link ChangesInput}), writes {@code changes/<machine>.txt} and {@code .json},
 * keeps the stage's record for the next assembly, and collects the one-line
 * summaries that end the log.
 */
final class StageChanges {

    private final Layout layout;
    private final ChangesInput input;
    private final SiteLock lock;
    private final PipelineSettings.Console console;
    private final List<String> summary = new ArrayList<>();

    StageChanges(Layout layout, ChangesInput input, SiteLock lock, PipelineSettings.Console console) {
        this.layout = layout;
        this.input = input;
        this.lock = lock;
        this.console = console;
    }

    /**
     * Before assembly replaces a stage that has no record yet (made by an older
     * Zentoo): records it, so that it is still the previous stage afterwards.
     */
    void before(String classifierId, Path stage) {
        Path record = layout.stageRecord(classifierId);
        if (Files.isRegularFile(stage) && !Files.isRegularFile(record)) {
            try {
                save(record, StageRecords.fromStage(stage));
            } catch (IOException | RuntimeException e) {
                console.warn(classifierId, "cannot read the previous stage " + stage.getFileName()
                        + " to compare with later: " + e.getMessage());
            }
        }
    }

    /**
     * Compares the machine's stage with the previous one and writes the report.
     *
     * @param assembled    false when the stage was kept from the last run (its record then stands for it)
     * @param packedKernel the machine's kernel artifact when zentoo:kernel last packed it with the
     *                     machine's current inputs; else its options are read from its fragments
     * @return the txt and json to attach as {@code changes-<machine>}
     */
    List<GoalReport.Artifact> after(String machine, String classifierId, Path stage, boolean assembled,
                                    Optional<Path> packedKernel) throws IOException, ConfigException {
        Path recordFile = layout.stageRecord(classifierId);
        Optional<StageRecord> saved = read(recordFile);
        StageRecord now = !assembled && saved.isPresent()
                ? saved.get().withSource(stage.getFileName().toString()) : StageRecords.fromStage(stage);
        // Seed and snapshot as zentoo.lock names them, so that a lock record and this stage compare alike.
        Optional<MachineLock> resolved = lock.resolved(machine);
        if (resolved.isPresent()) {
            now = now.withSeed(new StageRecord.Pinned(resolved.get().seed(), resolved.get().seedDigest()))
                    .withSnapshot(new StageRecord.Pinned(resolved.get().snapshot(), resolved.get().snapshotDigest()));
        }
        Optional<StageRecord.KernelConfig> kernel = kernelOptions(machine, packedKernel);
        if (kernel.isPresent()) {
            now = now.withKernel(kernel.get());
        }
        Optional<StageRecord> previous = previous(machine, classifierId, saved);
        UseOrigins origins = input.site() == null ? UseOrigins.NONE
                : UseOrigins.of(input.site(), input.site().machine(machine));
        StageRecord current = now;
        Changes changes;
        try {
            changes = previous.map(p -> Changes.between(machine, p, current, origins))
                    .orElseGet(() -> Changes.first(machine, current));
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot compare " + machine + "'s stage with the previous one: " + e.getMessage(), e);
        }
        Path txt = layout.changes(classifierId, ".txt");
        Path json = layout.changes(classifierId, ".json");
        Files.createDirectories(txt.getParent());
        String platform = resolved.map(MachineLock::platform).orElse("");
        AtomicFile.write(txt, ChangesReport.text(changes, platform), AtomicFile.WORLD_READABLE);
        AtomicFile.write(json, ChangesReport.json(changes, platform), AtomicFile.WORLD_READABLE);
        save(recordFile, current);
        String line = ChangesReport.summary(changes);
        summary.add("  " + machine + ": " + line);
        console.info(machine, "changes since " + changes.previous().orElse("nothing") + ": " + line + " ("
                + layout.base().relativize(txt) + ")");
        return List.of(new GoalReport.Artifact("txt", "changes-" + classifierId, txt),
                new GoalReport.Artifact("json", "changes-" + classifierId, json));
    }

    /** The lines that end the log: one per machine. */
    List<String> summary() {
        if (summary.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("What changed since the previous stage (target/zentoo/changes/<machine>.txt):");
        lines.addAll(summary);
        return lines;
    }

    /** A deployed version, or the lock completed by the last stage here, or the last stage here. */
    private Optional<StageRecord> previous(String machine, String classifierId, Optional<StageRecord> saved)
            throws IOException {
        ChangesInput.Against against = input.against().get(machine);
        if (against != null) {
            return Optional.of(fromVersion(classifierId, against));
        }
        Optional<StageRecord> locked = lock.previous(machine).map(StageRecords::fromLock);
        if (locked.isPresent()) {
            return Optional.of(saved.map(s -> locked.get().completedBy(s)).orElse(locked.get()));
        }
        return saved.map(s -> s.withSource("the previous assembly here (" + s.source() + ")"));
    }

    /** The packed kernel's config where there is a current one, else what the machine's fragments ask for. */
    private Optional<StageRecord.KernelConfig> kernelOptions(String machine, Optional<Path> packedKernel)
            throws IOException, ConfigException {
        if (packedKernel.isPresent()) {
            Optional<StageRecord.KernelConfig> packed = StageRecords.fromKernel(packedKernel.get());
            if (packed.isPresent()) {
                return packed;
            }
        }
        Machine config = input.site() == null ? null : input.site().machine(machine);
        if (config == null || config.kernel() == null || config.kernel().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(StageRecords.fromFragments(KernelOptions.of(config.stack())));
    }

    private static StageRecord fromVersion(String classifierId, ChangesInput.Against against) throws IOException {
        String name = "version " + against.version();
        StageRecord record = StageRecord.empty(name);
        if (against.stage().isPresent()) {
            record = StageRecords.fromStage(against.stage().get());
        }
        if (against.packages().isPresent()) {
            Path file = against.packages().get();
            record = record.withPackages(InstalledPackage.parseList(Files.readString(file, StandardCharsets.UTF_8),
                    "packages-" + classifierId + "-" + against.version() + ".txt"));
        }
        if (against.kernel().isPresent()) {
            Optional<StageRecord.KernelConfig> kernel = StageRecords.fromKernel(against.kernel().get());
            if (kernel.isPresent()) {
                record = record.withKernel(kernel.get());
            }
        }
        List<String> parts = new ArrayList<>();
        against.packages().ifPresent(p -> parts.add("packages-" + classifierId));
        against.stage().ifPresent(p -> parts.add("stage3-" + classifierId));
        against.kernel().ifPresent(p -> parts.add("kernel-" + classifierId));
        return record.withSource(name + (parts.isEmpty() ? " (no artifact of this machine)"
                : " (" + String.join(", ", parts) + ")"));
    }

    private static Optional<StageRecord> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(StageRecords.fromJson(Files.readString(file, StandardCharsets.UTF_8),
                    file.getFileName().toString()));
        } catch (IllegalArgumentException | ClassCastException e) {
            // A damaged record is no previous stage; the next assembly writes a good one.
            return Optional.empty();
        }
    }

    private static void save(Path file, StageRecord record) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFile.write(file, StageRecords.toJson(record), AtomicFile.WORLD_READABLE);
    }
}
