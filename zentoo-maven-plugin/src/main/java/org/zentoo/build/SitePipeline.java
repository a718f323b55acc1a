package org.zentoo.build;

import org.zentoo.archive.PackResult;
import org.zentoo.archive.StageArchiver;
import org.zentoo.binpkg.PartitionKey;
import org.zentoo.config.ConfigException;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.RunIdentity;
import org.zentoo.machine.Machine;
import org.zentoo.render.Layout;
import org.zentoo.seed.SeedException;
import org.zentoo.seed.SeedImages;
import org.zentoo.snapshot.Overlay;
import org.zentoo.snapshot.RepositorySnapshot;
import org.zentoo.snapshot.SnapshotVolumes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * The container work of a site, machine by machine: prepare (seed, snapshot),
 * probe the build ABI, build into partitions, assemble and pack. Maven-free; the
 * Mojos only choose machines and report.
 */
public final class SitePipeline {

    private final StepRunner steps;
    private final SeedImages seeds;
    private final SnapshotVolumes snapshots;
    private final Volumes volumes;
    private final Path outputDirectory;
    private final BiConsumer<String, String> console;

    public SitePipeline(StepRunner steps, SeedImages seeds, SnapshotVolumes snapshots, Volumes volumes,
                        Path outputDirectory, BiConsumer<String, String> console) {
        this.steps = steps;
        this.seeds = seeds;
        this.volumes = volumes;
        this.snapshots = snapshots;
        this.outputDirectory = outputDirectory;
        this.console = console;
    }

    /** Resolves the machine's seed and snapshot, and finds its rendered files. */
    public MachineJob prepare(Machine machine)
            throws EngineException, SeedException, StepFailedException, IOException, ConfigException {
        Path rendered = outputDirectory.resolve(Layout.root(machine.id()));
        if (!Files.isDirectory(rendered.resolve("etc/portage"))) {
            throw new IOException("machine " + machine.id() + " is not rendered (" + rendered
                    + " is missing); run zentoo:render first, or the whole lifecycle");
        }
        // Parsed first, so that a malformed SNAPSHOT stops the run before any seed is pulled.
        RepositorySnapshot snapshot = RepositorySnapshot.parse(machine.snapshot());
        List<Overlay> overlays = Overlay.read(rendered);
        SeedImages.ResolvedSeed seed = seeds.resolve(machine.seed(), line -> console.accept(machine.id(), line));
        steps.engine().ensureVolume(volumes.binpkgs(), Map.of(RunIdentity.SITE, "shared"));
        steps.engine().ensureVolume(volumes.distfiles(), Map.of(RunIdentity.SITE, "shared"));
        String repos = snapshots.ensure(machine.id(), snapshot, overlays, seed.image(), seed.id());
        Path assembly = outputDirectory.resolve(Layout.assembly(machine.id()));
        Path services = assembly.resolve("services");
        List<String> serviceLines = Files.isRegularFile(services)
                ? Files.readAllLines(services, StandardCharsets.UTF_8) : List.of();
        Path overlay = assembly.resolve("overlay");
        console.accept(machine.id(), "seed " + seed.image() + " (" + seed.digest() + ")");
        return new MachineJob(machine.id(), machine.classifierId(), rendered, seed.image(), seed.digest(), repos,
                Files.isDirectory(overlay) ? overlay : null, serviceLines, machine.kernel());
    }

    /** Asks Portage for each machine's build ABI, with its own config, in its own seed. */
    public String partition(MachineJob job) throws EngineException, StepFailedException, IOException {
        return PartitionKey.of(new Builder(steps, volumes).probeBuildAbi(job)).id();
    }

    /**
     * Builds machines lane by lane: machines of one partition in order, different
     * partitions on up to {@code threads} threads.
     */
    public List<Outcome> build(List<MachineJob> jobs, Map<String, String> partitions, int threads)
            throws InterruptedException {
        Map<String, MachineJob> byId = new LinkedHashMap<>();
        jobs.forEach(j -> byId.put(j.id(), j));
        BuildPlan plan = BuildPlan.of(partitions);
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> lanes = new ArrayList<>();
            plan.lanes().forEach((partition, machines) -> lanes.add(pool.submit(() -> {
                for (String id : machines) {
                    outcomes.add(buildOne(byId.get(id), partition));
                }
            })));
            for (Future<?> lane : lanes) {
                try {
                    lane.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a build lane failed unexpectedly", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<Outcome> ordered = new ArrayList<>();
        for (MachineJob j : jobs) {
            outcomes.stream().filter(o -> o.machine().equals(j.id())).forEach(ordered::add);
        }
        return ordered;
    }

    private Outcome buildOne(MachineJob job, String partition) {
        Instant start = Instant.now();
        console.accept(job.id(), "building @world into binpkg partition " + partition);
        try {
            EmergeReport report = new Builder(steps, volumes).build(job, partition);
            return new Outcome(job.id(), partition, "OK", report.compiled().size() + " compiled, "
                    + report.fromBinary().size() + " reused", Duration.between(start, Instant.now()));
        } catch (StepFailedException | EngineException | IOException e) {
            return failed(job.id(), partition, start, e);
        }
    }

    /** The container zentoo:freshroot opens for a machine. */
    public org.zentoo.engine.ContainerSpec freshroot(MachineJob job, String partition, boolean writableStore,
                                                    String command) {
        return new Builder(steps, volumes).freshroot(job, partition, writableStore, command);
    }

    public org.zentoo.engine.RunIdentity run() {
        return steps.engine().run();
    }

    /** Assembles one machine and packs its stage; the package list lands beside it. */
    public Outcome assemble(MachineJob job, String partition, StageArchiver archiver, Path stage, Path packages) {
        Instant start = Instant.now();
        console.accept(job.id(), "assembling from binpkgs of partition " + partition + " (read-only)");
        try {
            Files.createDirectories(stage.getParent());
            PackResult[] packed = new PackResult[1];
            Assembler.Result result = new Assembler(steps, volumes).assemble(job, partition,
                    root -> packed[0] = archiver.packTarStream(root, stage));
            writeAtomically(packages, result.packages());
            return new Outcome(job.id(), partition, "OK", result.report().fromBinary().size() + " packages, "
                    + stage.getFileName() + " " + packed[0].bytes() / 1024 + " KiB",
                    Duration.between(start, Instant.now()));
        } catch (StepFailedException | EngineException | IOException e) {
            return failed(job.id(), partition, start, e);
        }
    }

    /** Builds (or reuses) the machine's kernel and packs it; a machine without KERNEL is skipped. */
    public Outcome kernel(MachineJob job, String partition, StageArchiver archiver, Path tarball) {
        Instant start = Instant.now();
        if (job.kernel() == null || job.kernel().isBlank()) {
            return new Outcome(job.id(), partition, "SKIPPED", "no KERNEL set, no kernel artifact", Duration.ZERO);
        }
        console.accept(job.id(), "kernel " + job.kernel() + " with its config fragments");
        try {
            Files.createDirectories(tarball.getParent());
            PackResult[] packed = new PackResult[1];
            EmergeReport report = new org.zentoo.kernel.KernelBuilder(steps, new Builder(steps, volumes))
                    .build(job, partition, tar -> packed[0] = archiver.packTarStream(tar, tarball));
            return new Outcome(job.id(), partition, "OK", (report.compiled().isEmpty() ? "reused" : "compiled")
                    + ", " + tarball.getFileName() + " " + packed[0].bytes() / 1024 + " KiB",
                    Duration.between(start, Instant.now()));
        } catch (StepFailedException | EngineException | IOException e) {
            return failed(job.id(), partition, start, e);
        }
    }

    private Outcome failed(String machine, String partition, Instant start, Exception e) {
        console.accept(machine, "FAILED: " + e.getMessage());
        return new Outcome(machine, partition, "FAILED", e.getMessage(), Duration.between(start, Instant.now()));
    }

    static void writeAtomically(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
