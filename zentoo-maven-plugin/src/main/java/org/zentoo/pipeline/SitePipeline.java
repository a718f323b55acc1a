package org.zentoo.pipeline;

import org.zentoo.archive.ContainerLeftovers;
import org.zentoo.archive.PackResult;
import org.zentoo.archive.StageArchiver;
import org.zentoo.binpkg.PartitionKey;
import org.zentoo.distcc.DistccOptions;
import org.zentoo.distcc.DistributedBuild;
import org.zentoo.config.ConfigException;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.RunIdentity;
import org.zentoo.machine.Machine;
import org.zentoo.render.Layout;
import org.zentoo.seed.SeedException;
import org.zentoo.step.SeedImages;
import org.zentoo.snapshot.Overlay;
import org.zentoo.snapshot.RepositorySnapshot;
import org.zentoo.step.SnapshotVolumes;

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
import java.util.function.UnaryOperator;
import org.zentoo.step.Assembler;
import org.zentoo.step.Builder;
import org.zentoo.step.EmergeReport;
import org.zentoo.step.MachineInputs;
import org.zentoo.step.MachineJob;
import org.zentoo.step.StepFailedException;
import org.zentoo.step.StepRunner;
import org.zentoo.step.Volumes;

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
    private final String pluginVersion;
    private final BiConsumer<String, String> console;
    private DistccOptions distcc = DistccOptions.OFF;
    private BiConsumer<String, String> warn;

    public SitePipeline(StepRunner steps, SeedImages seeds, SnapshotVolumes snapshots, Volumes volumes,
                        Path outputDirectory, String pluginVersion, BiConsumer<String, String> console) {
        this.steps = steps;
        this.pluginVersion = pluginVersion;
        this.seeds = seeds;
        this.volumes = volumes;
        this.snapshots = snapshots;
        this.outputDirectory = outputDirectory;
        this.console = console;
        this.warn = console;
    }

    /** Builds with distcc workers; {@code warn} gets (machine, line) for workers that fail. */
    public SitePipeline distcc(DistccOptions options, BiConsumer<String, String> warn) {
        this.distcc = options;
        this.warn = warn;
        return this;
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
        steps.engine().ensureVolume(volumes.binpkgs(), Map.of(RunIdentity.SITE, "shared",
                Volumes.STORE_ID_LABEL, java.util.UUID.randomUUID().toString()));
        steps.engine().ensureVolume(volumes.distfiles(), Map.of(RunIdentity.SITE, "shared"));
        String repos = snapshots.ensure(machine.id(), snapshot, overlays, seed.image(), seed.id());
        Path assembly = outputDirectory.resolve(Layout.assembly(machine.id()));
        Path services = assembly.resolve("services");
        List<String> serviceLines = Files.isRegularFile(services)
                ? Files.readAllLines(services, StandardCharsets.UTF_8) : List.of();
        Path overlay = assembly.resolve("overlay");
        console.accept(machine.id(), "seed " + seed.image() + " (" + seed.digest() + ")");
        String inputs = new MachineInputs().tree(rendered).tree(assembly).value(seed.digest())
                .value(machine.snapshot()).value(repos).value(machine.kernel()).value(pluginVersion)
                .value(volumes.prefix()).hash();
        return new MachineJob(machine.id(), machine.classifierId(), rendered, seed.image(), seed.digest(), repos,
                Files.isDirectory(overlay) ? overlay : null, serviceLines, machine.kernel(), inputs);
    }

    /** What the last successful run did for the machine. */
    public MachineState state(MachineJob job) throws IOException {
        return MachineState.load(outputDirectory.resolve("state").resolve(job.classifierId() + ".properties"));
    }

    /**
     * The machine's binpkg partition: recorded by the last build with the same
     * inputs, or else asked of Portage, with the machine's config, in its seed.
     */
    public String partition(MachineJob job) throws EngineException, StepFailedException, IOException {
        MachineState state = state(job);
        if (job.inputs().equals(state.get("build.inputs")) && state.get("build.partition") != null) {
            return state.get("build.partition");
        }
        return PartitionKey.of(new Builder(steps, volumes).probeBuildAbi(job)).id();
    }

    /**
     * zentoo:build for a site: machines whose inputs did not change since their last
     * build (and whose binpkg store still exists) start no container at all.
     */
    public List<Outcome> buildAll(List<Machine> machines, int threads)
            throws EngineException, SeedException, StepFailedException, IOException, InterruptedException,
            ConfigException {
        boolean storeKept = steps.engine().volumeExists(volumes.binpkgs());
        List<MachineJob> jobs = new ArrayList<>();
        Map<String, String> partitions = new LinkedHashMap<>();
        List<Outcome> unchanged = new ArrayList<>();
        for (Machine machine : machines) {
            MachineJob job = prepare(machine);
            MachineState state = state(job);
            if (storeKept && state.unchanged("build", job.inputs())) {
                console.accept(job.id(), "unchanged since its last build (inputs " + job.inputs().substring(0, 12)
                        + "): no build container started");
                unchanged.add(unchanged(job, state.get("build.partition")));
            } else {
                jobs.add(job);
                partitions.put(job.id(), partition(job));
            }
        }
        List<Outcome> outcomes = new ArrayList<>(unchanged);
        outcomes.addAll(build(jobs, partitions, threads));
        return outcomes;
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
            Builder builder = new Builder(steps, volumes);
            DistributedBuild.Result<EmergeReport> result = compiling(job, "build", partition,
                    (compileJob, change) -> builder.build(compileJob, partition, change));
            EmergeReport report = result.value();
            state(job).record("build", job.inputs(), partition);
            return new Outcome(job.id(), partition, "OK", report.compiled().size() + " compiled, "
                    + report.fromBinary().size() + " reused" + result.summary(), Duration.between(start, Instant.now()));
        } catch (StepFailedException | EngineException | IOException e) {
            forgetBuild(job);
            return failed(job.id(), partition, start, e);
        }
    }

    /** A step that compiles: with distcc workers around it when they are asked for. */
    private <T> DistributedBuild.Result<T> compiling(MachineJob job, String step, String partition,
                                                     DistributedBuild.Work<T> work)
            throws EngineException, StepFailedException, IOException {
        if (!distcc.enabled()) {
            return DistributedBuild.Result.withoutDistcc(work.run(job, UnaryOperator.identity()));
        }
        return new DistributedBuild(steps, distcc, console, warn).run(job, step, partition,
                new Builder(steps, volumes).environment(job, partition, true), volumes.binpkgs(), work);
    }

    private void forgetBuild(MachineJob job) {
        try {
            state(job).forget("build");
        } catch (IOException e) {
            console.accept(job.id(), "cannot update its state file: " + e.getMessage());
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
    public Outcome assemble(MachineJob job, String partition, StageArchiver archiver, Path stage, Path packages)
            throws IOException {
        Instant start = Instant.now();
        MachineState state = state(job);
        if (state.unchanged("assemble", job.inputs())) {
            console.accept(job.id(), "unchanged since its last assembly: " + stage.getFileName() + " is kept as it is");
            return unchanged(job, partition);
        }
        state.forget("assemble");
        console.accept(job.id(), "assembling from binpkgs of partition " + partition + " (read-only)");
        try {
            Files.createDirectories(stage.getParent());
            PackResult[] packed = new PackResult[1];
            Assembler.Result result = new Assembler(steps, volumes).assemble(job, partition,
                    root -> packed[0] = archiver.excluding(ContainerLeftovers.DOCKER_PLACEHOLDERS)
                            .packTarStream(root, stage));
            writeAtomically(packages, result.packages());
            state.record("assemble", job.inputs(), partition, stage, packages);
            return new Outcome(job.id(), partition, "OK", result.report().fromBinary().size() + " packages, "
                    + stage.getFileName() + " " + packed[0].bytes() / 1024 + " KiB",
                    Duration.between(start, Instant.now()));
        } catch (StepFailedException | EngineException | IOException e) {
            return failed(job.id(), partition, start, e);
        }
    }

    /** Builds (or reuses) the machine's kernel and packs it; a machine without KERNEL is skipped. */
    public Outcome kernel(MachineJob job, String partition, StageArchiver archiver, Path tarball)
            throws IOException {
        Instant start = Instant.now();
        if (job.kernel() == null || job.kernel().isBlank()) {
            return new Outcome(job.id(), partition, "SKIPPED", "no KERNEL set, no kernel artifact", Duration.ZERO);
        }
        MachineState state = state(job);
        if (state.unchanged("kernel", job.inputs())) {
            console.accept(job.id(), "unchanged since its last kernel: " + tarball.getFileName() + " is kept as it is");
            return unchanged(job, partition);
        }
        state.forget("kernel");
        console.accept(job.id(), "kernel " + job.kernel() + " with its config fragments");
        try {
            Files.createDirectories(tarball.getParent());
            PackResult[] packed = new PackResult[1];
            org.zentoo.step.KernelBuilder kernels = new org.zentoo.step.KernelBuilder(steps,
                    new Builder(steps, volumes));
            DistributedBuild.Result<EmergeReport> result = compiling(job, "kernel", partition, (compileJob, change) ->
                    kernels.build(compileJob, partition, change, tar -> packed[0] = archiver.packTarStream(tar,
                            tarball)));
            state.record("kernel", job.inputs(), partition, tarball);
            return new Outcome(job.id(), partition, "OK", (result.value().compiled().isEmpty() ? "reused"
                    : "compiled") + ", " + tarball.getFileName() + " " + packed[0].bytes() / 1024 + " KiB"
                    + result.summary(), Duration.between(start, Instant.now()));
        } catch (StepFailedException | EngineException | IOException e) {
            return failed(job.id(), partition, start, e);
        }
    }

    private static Outcome unchanged(MachineJob job, String partition) {
        return new Outcome(job.id(), partition, "UNCHANGED", "inputs as in the last run: no container started",
                Duration.ZERO);
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
