package org.zentoo.pipeline;

import org.zentoo.archive.ContainerLeftovers;
import org.zentoo.archive.PackResult;
import org.zentoo.archive.StageArchiver;
import org.zentoo.binpkg.PartitionKey;
import org.zentoo.bugreport.CollectedFiles;
import org.zentoo.bugreport.ReportInputs;
import org.zentoo.bugreport.ReportSection;
import org.zentoo.bugreport.Secrets;
import org.zentoo.bugreport.StandardSections;
import org.zentoo.engine.ImageInfo;
import org.zentoo.step.PortageCommands;
import org.zentoo.step.Reproduction;
import org.zentoo.machine.Platform;
import org.zentoo.step.PlatformSupport;
import org.zentoo.config.ConfigException;
import org.zentoo.distcc.DistccOptions;
import org.zentoo.distcc.DistributedBuild;
import org.zentoo.explain.Explainer;
import org.zentoo.explain.PortageExplanation;
import org.zentoo.site.Site;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.InteractiveRun;
import org.zentoo.engine.RunIdentity;
import org.zentoo.engine.SwarmJobs;
import org.zentoo.files.AtomicFile;
import org.zentoo.files.Sha256;
import org.zentoo.machine.Machine;
import org.zentoo.machine.MachineKeys;
import org.zentoo.render.Layout;
import org.zentoo.seed.SeedException;
import org.zentoo.seed.TarballSeedFetcher;
import org.zentoo.snapshot.Overlay;
import org.zentoo.snapshot.RepositorySnapshot;
import org.zentoo.step.Assembler;
import org.zentoo.step.BinpkgSigning;
import org.zentoo.step.StoreCollector;
import org.zentoo.step.BinhostStore;
import org.zentoo.step.Builder;
import org.zentoo.step.EmergeReport;
import org.zentoo.step.KernelBuilder;
import org.zentoo.step.MachineInputs;
import org.zentoo.step.MachineJob;
import org.zentoo.step.Planner;
import org.zentoo.step.PortageExplain;
import org.zentoo.step.ReproducibleBuild;
import org.zentoo.step.SeedImages;
import org.zentoo.step.SnapshotVolumes;
import org.zentoo.step.StepFailedException;
import org.zentoo.step.StepRunner;
import org.zentoo.step.Volumes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.zentoo.pipeline.MachineOutcomes.failed;
import static org.zentoo.pipeline.MachineOutcomes.since;

/**
 * The container work of a site, one entry per goal: for each machine, prepare
 * (seed, snapshot), find its binpkg partition, run the goal's step, keep the
 * state that makes the next run incremental, and report a row for the summary.
 * Maven-free: the plugin reads parameters, calls one method and attaches what
 * the report lists.
 */
public final class SitePipeline implements AutoCloseable {

    /** How long one build or assembly may take as a Swarm job: a large @world compiles for hours. */
    static final Duration SWARM_JOB_TIMEOUT = Duration.ofHours(12);
    /** Variables explain reports besides the ones the machine's sets assign. */
    static final List<String> EXPLAINED_VARIABLES = List.of("CHOST", "CFLAGS", "CXXFLAGS", "LDFLAGS", "MAKEOPTS",
            "FEATURES", "ACCEPT_KEYWORDS", "ACCEPT_LICENSE", "USE");

    private final DockerEngine engine;
    /** The machines prepare() saw, by id, for messages that name their config lines. */
    private final Map<String, Machine> prepared = new java.util.concurrent.ConcurrentHashMap<>();
    /** The Docker host's own platform, asked once. */
    private Platform hostPlatform;
    private final StepRunner steps;
    /** Where builds, assemblies, kernels and stage tests run: {@link #steps}, or Swarm jobs ({@link #withSwarm}). */
    private StepRunner taskSteps;
    private final SeedImages seeds;
    private final SnapshotVolumes snapshots;
    private final Volumes volumes;
    private final Layout layout;
    private final String pluginVersion;
    private final DistccOptions distcc;
    private final PipelineSettings.Console console;
    private final ReproducibleBuild reproducible;
    private SiteLock lock;
    private Site lastGoodSite;
    private boolean tryLastGood;
    private SiteUse siteLines = SiteUse.NONE;
    private final BinpkgOptions binpkg;
    private final BinpkgSigning signing;
    private final Instant outputTimestamp;
    private Secrets secrets = Secrets.NONE;
    /** The binhost as the store (zentoo.store=binhost), with the credentials file its tasks get; null: the volume. */
    private BinhostStore binhostStore;
    private Path storeCredentials;
    private Path stagingCredentials;
    /** The store as the stager sees it: it reads partitions and writes only staging collections. */
    private BinhostStore stagingStore;
    private StagingClaims staging;
    private SiteUse siteUse = SiteUse.NONE;
    /** Each prepared machine's SNAPSHOT, for its bug reports. */
    private final Map<String, String> snapshotOf = new java.util.concurrent.ConcurrentHashMap<>();

    private SitePipeline(DockerEngine engine, PipelineSettings settings, ReproducibleBuild reproducible,
                         BinpkgSigning signing) {
        this.engine = engine;
        this.binpkg = settings.binpkg();
        this.signing = signing;
        this.reproducible = reproducible;
        this.console = settings.console();
        this.layout = new Layout(settings.outputDirectory());
        this.volumes = new Volumes(settings.volumePrefix());
        this.pluginVersion = settings.pluginVersion();
        this.distcc = settings.distcc();
        this.steps = new StepRunner(engine, layout.logs(), console::info);
        this.taskSteps = steps;
        this.seeds = new SeedImages(engine, new TarballSeedFetcher(settings.seedFetch()), settings.offline());
        this.snapshots = new SnapshotVolumes(steps, volumes, new TarballSeedFetcher(settings.snapshotFetch()),
                settings.snapshotMirror(), console::info);
        this.lock = SiteLock.none(console);
        this.outputTimestamp = settings.sourceDateEpoch();
    }

    /**
     * Builds and assemblies use the binhost as their store, as Swarm tasks on other nodes
     * would. Credentials reach the containers only as a file (0600, removed at
     * {@link #close()}), never in their environment or command: builds get {@code user}'s,
     * assemblies only {@code stager}'s, who needs to write nothing but the staging
     * collections (the same user when the site has no other). A killed run's staging
     * collection is deleted here.
     */
    public SitePipeline withBinhostStore(BinhostStore store, String user, char[] password,
                                         String stager, char[] stagerPassword) throws IOException {
        this.binhostStore = store.withCredentials(user, password);
        this.storeCredentials = credentialsFile(user, password);
        this.stagingCredentials = credentialsFile(stager, stagerPassword);
        this.stagingStore = store.withCredentials(stager, stagerPassword);
        this.staging = new StagingClaims(layout.stagingClaims(), stagingStore, engine.run());
        for (String leftover : staging.collectLeftovers()) {
            console.info("-", "Removed what an earlier, killed run left behind: staging collection " + leftover);
        }
        return this;
    }

    private static Path credentialsFile(String user, char[] password) throws IOException {
        Path file = Files.createTempFile("zentoo-binhost-", ".credentials",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.write(file, ((user == null ? "" : user) + ":" + (password == null ? "" : new String(password)) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return file;
    }

    /**
     * Builds, assemblies, kernels and the container part of stage tests run as Swarm jobs
     * on the manager this pipeline talks to, placed by the machine's architecture and
     * {@code constraints}, their images pushed to {@code registry}. Needs
     * {@link #withBinhostStore} first: no node but this one has the store's volume. A
     * stage test's boot stays on this host (QEMU).
     */
    public SitePipeline withSwarm(String constraints, String registry) {
        if (binhostStore == null) {
            throw new IllegalStateException("Swarm jobs need the binhost store: call withBinhostStore first");
        }
        this.taskSteps = steps.onSwarm(new SwarmJobs(engine, constraints, SWARM_JOB_TIMEOUT,
                line -> console.info("-", line)), registry);
        return this;
    }

    /**
     * The values a bug report must never hold (settings.xml passwords, the signing key
     * and its passphrase); the signing key of the pipeline's own options is added here.
     */
    public SitePipeline withSecrets(Secrets siteSecrets) {
        Secrets all = siteSecrets;
        if (binpkg.signing()) {
            all = all.andKey(binpkg.signingKey().secretKey());
            if (binpkg.passphrase() != null) {
                all = all.and(List.of(new String(binpkg.passphrase())));
            }
        }
        this.secrets = all;
        return this;
    }

    /** Runs the goals with {@code zentoo.lock} as {@code lock} says (see {@link SiteLock}). */
    public SitePipeline useLock(SiteLock lock) {
        this.lock = lock;
        return this;
    }

    /**
     * After a failed build, compares the failed package with its last good instance in
     * zentoo.lock, its flags attributed to {@code site}'s lines; with {@code tryBuild},
     * builds it once more with the locked USE (see {@link LastGoodReport}).
     */
    public SitePipeline lastGood(Site site, boolean tryBuild) {
        this.lastGoodSite = site;
        this.tryLastGood = tryBuild;
        return this;
    }

    /** Names the set lines behind the packages Portage refuses in a build or an assembly. */
    public SitePipeline useSiteLines(SiteUse site) {
        this.siteLines = site;
        return this;
    }

    /** The run's lock: the records as they were before this run wrote any ({@link SiteLock#previous}). */
    public SiteLock siteLock() {
        return lock;
    }

    /**
     * Connects to Docker and removes what an earlier, killed run of the same site
     * left behind.
     */
    public static SitePipeline connect(PipelineSettings settings) throws EngineException, IOException {
        ReproducibleBuild reproducible = ReproducibleBuild.at(settings.sourceDateEpoch(),
                new Layout(settings.outputDirectory()).reproducibilityHook());
        DockerEngine engine = DockerEngine.connect(RunIdentity.start(settings.site()));
        BinpkgSigning signing = null;
        try {
            for (String leftover : engine.collectLeftovers()) {
                settings.console().info("Removed what an earlier, killed run left behind: " + leftover);
            }
            if (settings.binpkg().signing()) {
                signing = BinpkgSigning.open(settings.binpkg().signingKey(), settings.binpkg().passphrase());
            }
            return new SitePipeline(engine, settings, reproducible, signing);
        } catch (EngineException | IOException | RuntimeException e) {
            if (signing != null) {
                signing.close();
            }
            engine.close();
            throw e;
        }
    }

    /** Closes the engine and removes the signing key's private directory. */
    @Override
    public void close() {
        try {
            if (storeCredentials != null) {
                Files.deleteIfExists(storeCredentials);
            }
            if (stagingCredentials != null) {
                Files.deleteIfExists(stagingCredentials);
            }
            if (signing != null) {
                signing.close();
            }
        } catch (IOException e) {
            console.warn("-", "cannot remove the signing key's private directory or the binhost's credentials file: "
                    + e.getMessage());
        } finally {
            engine.close();
        }
    }

    /**
     * zentoo:build: machines whose inputs did not change since their last build
     * (and whose binpkg store still exists) start no container at all; the others
     * build lane by lane, one lane per partition, up to {@code threads} at once (0: one
     * on this host, every lane at once as Swarm jobs).
     */
    public GoalReport build(List<Machine> machines, int threads, Planning planning)
            throws EngineException, SeedException, StepFailedException, IOException, ConfigException,
            NotRenderedException, InterruptedException {
        this.siteUse = planning.site() == null ? SiteUse.NONE : planning.site();
        boolean storeKept = engine.volumes().exists(volumes.binpkgs());
        List<MachineJob> jobs = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (Machine machine : machines) {
            MachineJob job = prepare(machine);
            MachineState state = state(job);
            if (storeKept && state.unchanged("build", job.inputs())) {
                console.info(job.id(), "unchanged since its last build (inputs " + job.inputs().substring(0, 12)
                        + "): no build container started");
                outcomes.add(unchanged(job.inPartition(state.get("build.partition"))));
                lock.located(job.id(), state.get("build.partition"));
            } else {
                jobs.add(withPartition(job));
            }
        }
        lock.checkFrozen(machines.stream().map(Machine::id).toList());
        if (planning.skip()) {
            console.info("plan skipped (zentoo.plan.skip=true): Portage's refusals, if any, come from the build"
                    + " itself");
        } else {
            List<MachineJob> planned = new ArrayList<>();
            PlanReview review = new PlanReview(new Planner(steps, builder()), layout, console, planning);
            for (MachineJob job : jobs) {
                Outcome refused = review.plan(job);
                if (refused == null) {
                    planned.add(job);
                } else {
                    outcomes.add(refused);
                }
            }
            review.siteSummary();
            jobs = planned;
        }
        // zentoo.threads=0: one thread locally; on a Swarm, every partition's lane at once.
        int lanes = threads > 0 ? threads : taskSteps == steps ? 1 : 0;
        outcomes.addAll(BuildLanes.run(jobs, lanes, this::buildOne));
        return new GoalReport("build", outcomes, List.of());
    }

    /**
     * How a goal reviews plans: whether the plan runs at all (zentoo:build), whether
     * profile conflicts are errors, and who names the set lines in messages.
     */
    public record Planning(boolean skip, boolean strict, SiteUse site) {
    }

    /**
     * zentoo:plan: for every machine, changed or not, what emerge would compile and
     * reuse against its partition, with the store read-only; then the site's
     * unique compiles. Machines Portage refuses fail, with the translated reason.
     */
    public GoalReport plan(List<Machine> machines, Planning planning)
            throws EngineException, SeedException, StepFailedException, IOException, ConfigException,
            NotRenderedException {
        List<Outcome> outcomes = new ArrayList<>();
        PlanReview review = new PlanReview(new Planner(steps, builder()), layout, console, planning);
        for (Machine machine : machines) {
            MachineJob job = withPartition(prepare(machine));
            Outcome refused = review.plan(job);
            if (refused != null) {
                outcomes.add(refused);
            } else {
                MachinePlan plan = review.last();
                outcomes.add(new Outcome(job.id(), job.partition(), Outcome.Result.OK,
                        plan.report().compiled().size() + " to compile, " + plan.report().reused().size()
                                + " reused", Duration.ZERO));
            }
        }
        review.siteSummary();
        return new GoalReport("plan", outcomes, List.of());
    }

    /** zentoo:assemble compared with the previous assembly in target/zentoo only. */
    public GoalReport assemble(List<Machine> machines, StageArchiver archiver)
            throws EngineException, SeedException, StepFailedException, IOException, ConfigException,
            NotRenderedException {
        return assemble(machines, archiver, ChangesInput.NONE);
    }

    /**
     * zentoo:assemble: each machine's stage3 from binpkgs alone, packed, with its package
     * list, and what changed since the previous stage ({@code changes-<machine>}).
     */
    public GoalReport assemble(List<Machine> machines, StageArchiver archiver, ChangesInput changesInput)
            throws EngineException, SeedException, StepFailedException, IOException, ConfigException,
            NotRenderedException {
        String extension = archiver.format().extension();
        if (lock.frozen()) {
            // Every machine is checked before any is assembled.
            for (Machine machine : machines) {
                withPartition(prepare(machine));
            }
            lock.checkFrozen(machines.stream().map(Machine::id).toList());
        }
        StageChanges changes = new StageChanges(layout, changesInput, lock, console);
        Map<String, SiteLock.Installed> installed = new LinkedHashMap<>();
        GoalReport report = eachMachine("assemble", machines, job -> {
            Path stage = layout.stage(job.classifierId(), extension);
            Path packages = layout.packages(job.classifierId());
            Path instances = layout.instances(job.classifierId());
            changes.before(job.classifierId(), stage);
            List<String> pins = lock.pins(job.id());
            if (!pins.isEmpty() && !SiteLock.sameLines(instances, pins)) {
                state(job).forget("assemble");
            }
            Outcome outcome = unlessUnchanged(job, archiver, "assemble", "assembly",
                    List.of(stage, packages, instances),
                    "assembling from binpkgs of partition " + job.partition() + " (read-only)"
                            + (pins.isEmpty() ? "" : ", exactly the " + pins.size() + " instances zentoo.lock pins"),
                    () -> {
                        PackResult[] packed = new PackResult[1];
                        Assembler assembler = new Assembler(taskSteps, volumes, reproducible,
                                binpkg.signingKey(), binpkg.binhost());
                        if (binhostStore != null) {
                            staging.claim();
                            assembler = assembler.fromBinhost(stagingStore, stagingCredentials,
                                    engine.run().runId());
                        }
                        Assembler.Result result = assembler.assemble(job, "assemble",
                                (Assembler.RootSink) layers -> packed[0] = archiver
                                        .excluding(ContainerLeftovers.DOCKER_PLACEHOLDERS)
                                        .withProgress(line -> console.info(job.id(), line))
                                        .packTarLayers(layers, stage), pins);
                        AtomicFile.write(packages, result.packages(), AtomicFile.WORLD_READABLE);
                        AtomicFile.write(instances, result.instances(), AtomicFile.WORLD_READABLE);
                        return result.report().fromBinary().size() + " packages, " + stage.getFileName() + " "
                                + packed[0].bytes() / 1024 + " KiB";
                    });
            List<GoalReport.Artifact> artifacts = new ArrayList<>(List.of(
                    new GoalReport.Artifact(extension.substring(1), "stage3-" + job.classifierId(), stage),
                    new GoalReport.Artifact("txt", "packages-" + job.classifierId(), packages)));
            if (outcome.produced()) {
                try {
                    installed.put(job.id(), SiteLock.Installed.parse(Files.readString(packages),
                            Files.readString(instances)));
                    artifacts.addAll(changes.after(job.id(), job.classifierId(), stage,
                            outcome.result() == Outcome.Result.OK, packedKernel(job, archiver)));
                } catch (IOException | ConfigException e) {
                    return new Produced(failed(console, job, Instant.now(), e), List.of());
                }
            }
            return new Produced(outcome, artifacts);
        });
        deleteStaging();
        lock.afterAssembly(installed);
        return new GoalReport(report.goal(), report.outcomes(), report.artifacts(), changes.summary());
    }

    /** Removes the run's staging collection on the binhost store, where a failed task may have left a file. */
    private void deleteStaging() {
        if (binhostStore != null) {
            try {
                staging.release();
            } catch (IOException e) {
                console.warn("-", e.getMessage());
            }
        }
    }

    /** The machine's kernel artifact, when zentoo:kernel last packed it with the machine's current inputs. */
    private Optional<Path> packedKernel(MachineJob job, StageArchiver archiver) throws IOException {
        Path kernel = layout.kernel(job.classifierId(), archiver.format().extension());
        return job.hasKernel() && Files.isRegularFile(kernel)
                && state(job).unchanged("kernel", stepInputs(job, archiver, "kernel")) ? Optional.of(kernel) : Optional.empty();
    }

    /**
     * What a packing step's output depends on: the machine, the packer's settings, which
     * decide the bytes too, and for a stage the site's key and binhost, which it carries.
     */
    private String stepInputs(MachineJob job, StageArchiver archiver, String step) {
        String carried = step.equals("assemble") && (binpkg.signing() || binpkg.binhost() != null)
                ? "\nkey " + (binpkg.signing() ? binpkg.signingKey().fingerprint() : "none") + " binhost "
                + binpkg.binhost() : "";
        return Sha256.of(job.inputs() + "\n" + archiver.settings() + carried);
    }

    /**
     * zentoo:lock: resolves each machine's seed, snapshot, rendered config and partition
     * without building, and writes them into zentoo.lock; a machine's packages stay while
     * those are its locked ones, and are recorded by its next assembly otherwise.
     */
    public GoalReport lock(List<Machine> machines) throws EngineException, SeedException,
            StepFailedException, IOException, ConfigException, NotRenderedException {
        List<Outcome> outcomes = new ArrayList<>();
        for (Machine machine : machines) {
            MachineJob job = withPartition(prepare(machine));
            outcomes.add(new Outcome(job.id(), job.partition(), Outcome.Result.OK, "resolved", Duration.ZERO));
        }
        lock.checkFrozen(machines.stream().map(Machine::id).toList());
        lock.writeResolved();
        return new GoalReport("lock", outcomes, List.of());
    }

    /** zentoo:kernel: each machine's KERNEL with its fragments, packed; machines without one are skipped. */
    public GoalReport kernel(List<Machine> machines, StageArchiver archiver)
            throws EngineException, SeedException, StepFailedException, IOException, ConfigException,
            NotRenderedException {
        String extension = archiver.format().extension();
        Map<String, String> kernelPackages = new LinkedHashMap<>();
        GoalReport report = eachMachine("kernel", machines, job -> {
            if (!job.hasKernel()) {
                return new Produced(new Outcome(job.id(), job.partition(), Outcome.Result.SKIPPED,
                        "no KERNEL set, no kernel artifact", Duration.ZERO), List.of());
            }
            Path tarball = layout.kernel(job.classifierId(), extension);
            // The kernel package as built, for zentoo.lock's kernel line.
            Path built = tarball.resolveSibling("kernel-" + job.classifierId() + ".package");
            Outcome outcome = unlessUnchanged(job, archiver, "kernel", "kernel", List.of(tarball, built),
                    "kernel " + job.kernel() + " with its config fragments", () -> {
                        PackResult[] packed = new PackResult[1];
                        KernelBuilder kernels = new KernelBuilder(taskSteps, builder(taskSteps));
                        if (binhostStore != null) {
                            // It uploads no binpkg: the stager's credentials are all it needs.
                            staging.claim();
                            kernels = kernels.fromBinhost(stagingStore, stagingCredentials, engine.run().runId());
                        }
                        KernelBuilder builds = kernels;
                        DistributedBuild.Result<EmergeReport> result = compiling(job, "kernel", (compileJob, change) ->
                                builds.build(compileJob, change, tar -> packed[0] = archiver
                                        .withProgress(line -> console.info(job.id(), line))
                                        .packTarStream(tar, tarball)));
                        List<String> emerged = new ArrayList<>(result.value().compiled());
                        emerged.addAll(result.value().fromBinary());
                        AtomicFile.write(built, emerged.isEmpty() ? "" : emerged.get(0).replaceAll("::.*", ""),
                                AtomicFile.WORLD_READABLE);
                        return (result.value().compiled().isEmpty() ? "reused" : "compiled") + ", "
                                + tarball.getFileName() + " " + packed[0].bytes() / 1024 + " KiB" + result.summary();
                    });
            if (outcome.produced()) {
                kernelPackages.put(job.id(), Files.readString(built).strip());
            }
            return new Produced(outcome, List.of(new GoalReport.Artifact(extension.substring(1),
                    "kernel-" + job.classifierId(), tarball)));
        });
        deleteStaging();
        lock.afterKernel(kernelPackages);
        return report;
    }

    /**
     * zentoo:rebuild-check: rebuilds each machine's @world from scratch into a
     * scratch store (volumes of its own, removed before and after) and compares
     * every rebuilt binpkg with the site's binpkgs of the same package; when they
     * all are the same, assembles a stage from the scratch store and compares it
     * with the site's. A machine with a package whose binpkg differs, or whose
     * stage differs, fails, naming what differs.
     */
    public GoalReport rebuildCheck(List<Machine> machines, StageArchiver archiver)
            throws EngineException, SeedException, StepFailedException, IOException, ConfigException,
            NotRenderedException {
        RebuildCheck check = new RebuildCheck(steps, volumes, reproducible, layout, console, archiver, signing);
        check.removeScratch();
        try {
            check.prepareScratch();
            return eachMachine("rebuild-check", machines, job -> new Produced(check.machine(job), List.of()));
        } finally {
            check.removeScratch();
        }
    }

    /**
     * How zentoo:test runs: whether machines with a kernel are booted in QEMU, and the
     * bound of each boot ({@code zentoo.test.bootTimeout}).
     */
    public record Testing(boolean boot, Duration bootTimeout) {
    }

    /**
     * zentoo:test: each machine's stage3, as its last assembly packed it, tested in
     * a container of its own and, with a kernel, booted; JUnit XML per machine in
     * {@link Layout#reports()}. Needs no seed, snapshot or store. On Swarm, the container
     * part is a job; the boot runs here.
     */
    public GoalReport test(List<Machine> machines, Testing testing) throws IOException {
        StageTests tests = new StageTests(taskSteps, layout, console, testing);
        List<Outcome> outcomes = new ArrayList<>();
        for (Machine machine : machines) {
            outcomes.add(tests.machine(machine));
        }
        return new GoalReport("test", outcomes, List.of());
    }

    /**
     * zentoo:binhost: each partition the machines use, once, copied out of the
     * store (read-only) and published ({@link PartitionPublisher}); every machine's
     * row says what its partition's publish did.
     */
    public GoalReport binhost(List<Machine> machines, PartitionPublisher.Targets targets)
            throws EngineException, SeedException, StepFailedException, IOException, ConfigException,
            NotRenderedException {
        PartitionPublisher publisher = new PartitionPublisher(steps, volumes, targets, console);
        return eachMachine("binhost", machines, job -> {
            Instant start = Instant.now();
            try {
                return new Produced(new Outcome(job.id(), job.partition(), Outcome.Result.OK, publisher.publish(job),
                        since(start)), List.of());
            } catch (StepFailedException | EngineException | IOException e) {
                return new Produced(failed(console, job, start, e), List.of());
            }
        });
    }

    /**
     * zentoo:gc: in every partition of the store, keeps the binpkg instances
     * {@code keep} lists (sha256) and those built in the last {@code keepDays}
     * days, removes the others and rewrites the Packages index; one row per
     * partition. The container comes from {@code machine}'s seed (for Portage's
     * emaint) and holds the store's lock exclusively: a build of the same store
     * makes it wait up to {@code waitSeconds}, then refuse.
     */
    public GoalReport gc(Machine machine, Set<String> keep, int keepDays, boolean dryRun, int waitSeconds)
            throws EngineException, SeedException, StepFailedException, IOException {
        if (!engine.volumes().exists(volumes.binpkgs())) {
            console.info("no binpkg store " + volumes.binpkgs() + ": nothing to collect");
            return new GoalReport("gc", List.of(), List.of());
        }
        SeedImages.ResolvedSeed seed = seed(machine, Optional.empty());
        Instant start = Instant.now();
        console.info("gc of " + volumes.binpkgs() + ": keeping " + keep.size() + " locked instances"
                + (keepDays > 0 ? " and those built in the last " + keepDays + " days" : "")
                + (dryRun ? " (dry run: nothing is removed)" : ""));
        List<StoreCollector.PartitionResult> results = new StoreCollector(steps, volumes).collect(seed.image(), keep,
                keepDays, dryRun, waitSeconds);
        List<Outcome> outcomes = new ArrayList<>();
        for (StoreCollector.PartitionResult r : results) {
            String detail = "kept " + r.kept() + " (" + r.keptBytes() / 1024 + " KiB), "
                    + (dryRun ? "would remove " : "removed ") + r.removed() + " (" + r.removedBytes() / 1024 + " KiB)";
            console.info(r.partition(), detail);
            outcomes.add(new Outcome(r.partition(), r.partition(), Outcome.Result.OK, detail, since(start)));
        }
        return new GoalReport("gc", outcomes, List.of());
    }

    /** A machine's row, and what it made if the row says it is current. */
    private record Produced(Outcome outcome, List<GoalReport.Artifact> artifacts) {
    }

    /** One goal's work for one machine, in its partition. */
    @FunctionalInterface
    private interface PerMachine {
        Produced run(MachineJob job) throws IOException;
    }

    /** The step's work once it must run: the detail of its summary row. */
    @FunctionalInterface
    private interface Work {
        String run() throws EngineException, StepFailedException, IOException;
    }

    private GoalReport eachMachine(String goal, List<Machine> machines, PerMachine perMachine)
            throws EngineException, SeedException, StepFailedException, IOException, ConfigException,
            NotRenderedException {
        List<Outcome> outcomes = new ArrayList<>();
        List<GoalReport.Artifact> artifacts = new ArrayList<>();
        for (Machine machine : machines) {
            Produced produced = perMachine.run(withPartition(prepare(machine)));
            outcomes.add(produced.outcome());
            if (produced.outcome().produced()) {
                artifacts.addAll(produced.artifacts());
            }
        }
        return new GoalReport(goal, outcomes, artifacts);
    }

    /**
     * Runs {@code work} unless the step last ran with the same inputs and its
     * files are intact; records the files it made, or forgets the step when it
     * fails, so that a failed run is never taken for a current one.
     */
    private Outcome unlessUnchanged(MachineJob job, StageArchiver archiver, String step, String noun,
                                    List<Path> files, String starting, Work work)
            throws IOException {
        Instant start = Instant.now();
        MachineState state = state(job);
        String inputs = stepInputs(job, archiver, step);
        if (state.unchanged(step, inputs)) {
            console.info(job.id(), "unchanged since its last " + noun + ": " + files.get(0).getFileName()
                    + " is kept as it is");
            return unchanged(job);
        }
        state.forget(step);
        console.info(job.id(), starting);
        try {
            Files.createDirectories(files.get(0).getParent());
            String detail = work.run();
            state.record(step, inputs, job.partition(), files.toArray(Path[]::new));
            return new Outcome(job.id(), job.partition(), Outcome.Result.OK, detail, since(start));
        } catch (StepFailedException | EngineException | IOException e) {
            return failed(console, job, start, inSiteWords(job, e, "nothing was installed"));
        }
    }

    /**
     * zentoo:freshroot: a shell (or {@code command}) in a clean container of the
     * machine's build environment, through the docker CLI, which alone can give
     * it a real terminal.
     */
    public GoalReport freshroot(Machine machine, boolean writableStore, String command)
            throws EngineException, SeedException, StepFailedException, IOException, ConfigException,
            NotRenderedException {
        MachineJob job = withPartition(prepare(machine));
        boolean tty = command == null && System.console() != null;
        ContainerSpec spec = builder().freshroot(job, writableStore, command);
        List<String> line = InteractiveRun.commandLine(spec, engine.run(), tty,
                engine.containers().createPlatform(spec));
        console.info(job.id(), String.join(" ", line));
        int exit = InteractiveRun.run(line);
        Outcome outcome = new Outcome(job.id(), job.partition(), exit == 0 ? Outcome.Result.OK : Outcome.Result.FAILED,
                "shell exited with " + exit, Duration.ZERO);
        return new GoalReport("freshroot", List.of(outcome), List.of());
    }

    /**
     * zentoo:reproduce: the failed build of a bug report (its directory or tar.gz) again,
     * from the same seed image, snapshot volume and etc-portage; then a shell at the
     * failure, or {@code command}. The row is OK when the package failed again in the
     * same phase with the same die message, and says what differed otherwise.
     */
    public GoalReport reproduce(Path report, String command) throws EngineException, IOException {
        return new Reproducer(engine, layout, console).reproduce(report, command);
    }

    /** What explain asked of Portage, and where its JSON report went (null when none was asked for). */
    public record ExplainAnswer(PortageExplanation explanation, Path report) {
    }

    /**
     * zentoo:explain: with the machine rendered fresh by the caller, asks Portage in its build
     * environment (store read-only) about its variables, its USE and each of
     * {@code atoms} ({@code @world} for every world atom); with {@code json}, the
     * answer is also written to {@link Layout#explainReport}.
     */
    public ExplainAnswer explain(Site site, String machineId, List<String> atoms, boolean json)
            throws EngineException, SeedException, StepFailedException, IOException, ConfigException,
            NotRenderedException {
        MachineJob job = withPartition(prepare(site.machine(machineId)));
        console.info(job.id(), "asking Portage in its " + job.platform() + " seed (partition " + job.partition()
                + ", store read-only)");
        Set<String> variables = new LinkedHashSet<>(EXPLAINED_VARIABLES);
        variables.addAll(Explainer.explain(site, machineId, null, false).variables().keySet());
        String answer = new PortageExplain(steps).explain(job.id(), builder().environment(job, false), atoms,
                new ArrayList<>(variables));
        PortageExplanation explanation = PortageExplanation.of(site, machineId, answer);
        Path report = null;
        if (json) {
            report = layout.explainReport(machineId);
            Files.createDirectories(report.getParent());
            AtomicFile.write(report, explanation.json(), AtomicFile.WORLD_READABLE);
        }
        return new ExplainAnswer(explanation, report);
    }

    /**
     * The machine's seed image; when it is nowhere to be had, the message names the
     * machine and the SEED line to fix ({@code config/site.conf:27} or its machine.conf).
     */
    private SeedImages.ResolvedSeed seed(Machine machine, Optional<String> locked)
            throws SeedException, EngineException {
        try {
            return locked.isPresent()
                    ? seeds.resolveLocked(machine.seed(), locked.get(), line -> console.info(machine.id(), line))
                    : seeds.resolve(machine.seed(), line -> console.info(machine.id(), line));
        } catch (SeedException e) {
            if (e.problem() != SeedException.Problem.IMAGE_NOT_FOUND
                    && e.problem() != SeedException.Problem.REGISTRY_UNREACHABLE
                    && e.problem() != SeedException.Problem.NOT_CACHED_OFFLINE) {
                throw e;
            }
            throw new SeedException(e.problem(), "[" + machine.id() + "] SEED=\"" + machine.seed() + "\" ("
                    + machine.keyLine(MachineKeys.SEED) + "): " + e.getMessage(), e);
        }
    }

    /** Resolves the machine's seed and snapshot, and finds its rendered files. */
    private MachineJob prepare(Machine machine)
            throws EngineException, SeedException, StepFailedException, IOException, ConfigException,
            NotRenderedException {
        prepared.put(machine.id(), machine);
        Path rendered = layout.machineRoot(machine.id());
        if (!Files.isDirectory(rendered.resolve("etc/portage"))) {
            throw new NotRenderedException(machine.id(), rendered);
        }
        // Parsed first, so that a malformed SNAPSHOT stops the run before any seed is pulled.
        RepositorySnapshot snapshot = RepositorySnapshot.parse(machine.snapshot());
        List<Overlay> overlays = Overlay.read(rendered);
        Optional<String> lockedSeed = lock.pinnedSeed(machine);
        SeedImages.ResolvedSeed seed = seed(machine, lockedSeed);
        requireRunnable(machine, seed);
        engine.volumes().ensure(volumes.binpkgs(), Map.of(RunIdentity.SITE, "shared"));
        engine.volumes().ensure(volumes.distfiles(), Map.of(RunIdentity.SITE, "shared"));
        String repos = snapshots.ensure(machine.id(), snapshot, overlays, seed.image(), seed.id());
        String snapshotDigest = snapshots.digest(repos);
        snapshotOf.put(machine.id(), snapshot.value());
        lock.requireSnapshot(machine.id(), snapshot.value(), repos, snapshotDigest);
        Path assembly = layout.assemblyDirectory(machine.id());
        Path services = assembly.resolve("services");
        List<String> serviceLines = Files.isRegularFile(services)
                ? Files.readAllLines(services, StandardCharsets.UTF_8) : List.of();
        Path overlay = assembly.resolve("overlay");
        console.info(machine.id(), "seed " + seed.image() + " (" + seed.digest() + ")");
        lock.prepared(machine.id(), machine.seed(), seed.lockDigest(), snapshot.value(), snapshotDigest,
                "sha256:" + new MachineInputs().tree(rendered).tree(assembly).hash(), seed.platform().toString());
        String inputs = new MachineInputs().tree(rendered).tree(assembly).value(seed.digest())
                .value(machine.snapshot()).value(repos).value(machine.kernel()).value(pluginVersion)
                .value(volumes.prefix()).hash();
        return new MachineJob(machine.id(), machine.classifierId(), rendered, seed.image(), seed.digest(), repos,
                Files.isDirectory(overlay) ? overlay : null, serviceLines, machine.kernel(), inputs, null,
                seed.platform());
    }

    /**
     * A seed of a platform other than the Docker host's runs only through a binfmt
     * handler: asked once per seed image, before the machine's first container, and
     * remembered in the machine's state so that an unchanged run starts no container.
     */
    private void requireRunnable(Machine machine, SeedImages.ResolvedSeed seed)
            throws SeedException, EngineException, IOException {
        MachineState state = MachineState.load(layout.stateFile(machine.classifierId()));
        Platform host = hostPlatform();
        String probed = seed.id() + " " + seed.platform();
        if (!seed.platform().equals(host) && !probed.equals(state.get("platform.runs"))) {
            console.info(machine.id(), "seed is " + seed.platform() + ", the Docker host " + host
                    + ": checking that the host runs it (binfmt)");
            new PlatformSupport(steps).require(machine.id(), seed.image(), seed.platform(), host,
                    seedLine(machine));
            state.note("platform.runs", probed);
        }
        state.note("platform", seed.platform().toString());
    }

    private Platform hostPlatform() throws EngineException {
        if (hostPlatform == null) {
            hostPlatform = engine.platform();
        }
        return hostPlatform;
    }

    private static String seedLine(Machine machine) {
        return "SEED=\"" + machine.seed() + "\" (" + machine.keyLine(MachineKeys.SEED) + ")";
    }

    /**
     * The machine in its binpkg partition: as recorded by the last build with the
     * same inputs, or else asked of Portage, with the machine's config, in its seed.
     */
    private MachineJob withPartition(MachineJob job)
            throws EngineException, StepFailedException, IOException, SeedException {
        MachineState state = state(job);
        MachineJob located;
        if (job.inputs().equals(state.get("build.inputs")) && state.get("build.partition") != null) {
            located = job.inPartition(state.get("build.partition"));
        } else {
            Map<String, String> abi = builder().probeBuildAbi(job);
            requireAgreement(job, abi.get("CHOST"));
            located = job.inPartition(PartitionKey.of(abi).id());
        }
        lock.located(located.id(), located.partition());
        return located;
    }

    /** The seed's platform must be the one its profile's CHOST builds for. */
    private void requireAgreement(MachineJob job, String chost) throws SeedException {
        if (!job.platform().agreesWith(chost)) {
            Machine machine = prepared.get(job.id());
            throw new SeedException(SeedException.Problem.PLATFORM, PlatformSupport.chostMismatch(job.id(),
                    seedLine(machine), job.platform(), "PROFILE=\"" + machine.profile() + "\" ("
                            + machine.keyLine(MachineKeys.PROFILE) + ")", chost));
        }
    }

    /** The machines' build environment over the site's store. */
    private Builder builder() {
        return builder(steps);
    }

    /** The build environment whose steps {@code runner} runs. */
    private Builder builder(StepRunner runner) {
        Builder builder = new Builder(runner, volumes, reproducible, signing);
        return binhostStore == null ? builder : builder.fromBinhost(binhostStore, storeCredentials);
    }

    private MachineState state(MachineJob job) throws IOException {
        return MachineState.load(layout.stateFile(job.classifierId()));
    }

    private Outcome buildOne(MachineJob job) {
        Instant start = Instant.now();
        console.info(job.id(), "building @world into binpkg partition " + job.partition()
                + (signing == null ? "; binpkgs are unsigned (no zentoo.binpkg.signingKey)"
                : "; every binpkg signed by " + signing.key().fingerprint()));
        BugReports reports = new BugReports(layout, outputTimestamp, secrets, console);
        try {
            String cpuWarning = taskSteps == steps ? null : NodeCpuCount.warning(job.rendered());
            if (cpuWarning != null) {
                console.warn(job.id(), cpuWarning);
            }
            Builder builder = builder(taskSteps).reportingFailures(reports.prepare(job.classifierId(), EXPLAINED_VARIABLES));
            DistributedBuild.Result<EmergeReport> result = compiling(job, "build", builder::build);
            EmergeReport report = result.value();
            state(job).record("build", job.inputs(), job.partition());
            reports.cleanUp(job.classifierId());
            return new Outcome(job.id(), job.partition(), Outcome.Result.OK, report.compiled().size() + " compiled, "
                    + report.fromBinary().size() + " reused" + result.summary(), since(start));
        } catch (StepFailedException e) {
            forget(job, "build");
            return failed(console, job, start, inSiteWords(job, withBugReports(job, reports, e), "nothing was compiled"));
        } catch (EngineException | IOException e) {
            forget(job, "build");
            return failed(console, job, start, inSiteWords(job, e, "nothing was compiled"));
        }
    }

    /**
     * The sections of a failed package's bug report, in order; README.txt follows them
     * and lists what each wrote. A new part of the report is a section added here.
     */
    List<ReportSection> bugReportSections(MachineJob job) {
        return List.of(
                StandardSections.die(),
                StandardSections.etcPortage(job.portageConfig()),
                StandardSections.explain(answer -> siteUse.explainJson(job.id(), answer)),
                StandardSections.inputs(),
                StandardSections.reproduce(failed -> Reproduction.script(failed.inputs())),
                new LastGoodReport(job, steps, builder(), layout.base().resolve("last-good-" + job.classifierId()),
                        console, lock, lastGoodSite, tryLastGood));
    }

    /** The build's failure, naming the bug report of each package its container collected. */
    private StepFailedException withBugReports(MachineJob job, BugReports reports, StepFailedException e) {
        try {
            String seedImage = engine.images().inspect(job.seedImage()).map(ImageInfo::id).orElse(job.seedImage());
            String snapshotDigest = snapshots.digest(job.reposVolume());
            List<Path> tarballs = reports.finish(job.id(), job.classifierId(), cpv -> new ReportInputs(job.id(), cpv,
                    seedImage, job.seedDigest(), snapshotOf.getOrDefault(job.id(), ""), job.reposVolume(),
                    snapshotDigest, job.partition(), job.platform().toString(), chost(job, cpv), volumes.distfiles(), volumes.binpkgs(),
                    job.pkgdir(), PortageCommands.line(PortageCommands.BUILD)), bugReportSections(job));
            if (tarballs.isEmpty()) {
                // refused before any package built (no build.log): nothing to report
                reports.cleanUp(job.classifierId());
                return e;
            }
            StringBuilder note = new StringBuilder();
            for (Path t : tarballs) {
                note.append(note.length() == 0 ? "" : "\n").append("Bug report: ").append(t)
                        .append(" (its README.txt says what to paste where in a Gentoo bug)");
            }
            note.append("\nReproduce it: mvn zentoo:reproduce -Dzentoo.bugreport=").append(tarballs.get(0));
            return e.withNote(note.toString());
        } catch (IOException | EngineException | SeedException | RuntimeException reportFailed) {
            console.warn(job.id(), "the bug report could not be completed: " + reportFailed.getMessage());
            return e;
        }
    }

    /** CHOST as the failed container's emerge --info reported it. */
    private String chost(MachineJob job, String cpv) {
        try {
            for (String line : BugReports.lines(layout.bugReports(job.classifierId()).resolve(cpv)
                    .resolve(CollectedFiles.EMERGE_INFO))) {
                if (line.startsWith("CHOST=\"")) {
                    return line.substring(7, line.length() - 1);
                }
            }
        } catch (IOException e) {
            // no emerge --info: the CHOST stays unknown
        }
        return "";
    }

    /** A step that compiles: with distcc workers around it when they are asked for. */
    private <T> DistributedBuild.Result<T> compiling(MachineJob job, String step, DistributedBuild.Work<T> work)
            throws EngineException, StepFailedException, IOException {
        if (!distcc.enabled()) {
            return DistributedBuild.Result.withoutDistcc(work.run(job, UnaryOperator.identity()));
        }
        // A machine of another platform compiles on native cross workers, which serve its CHOST's compiler.
        String crossChost = job.platform().equals(hostPlatform()) ? null : builder().probeBuildAbi(job).get("CHOST");
        return new DistributedBuild(steps, distcc, reproducible, console::info, console::warn).run(job, step,
                builder().environment(job, true), volumes.binpkgs(), crossChost, work);
    }

    private void forget(MachineJob job, String step) {
        try {
            state(job).forget(step);
        } catch (IOException e) {
            console.warn(job.id(), "cannot update its state file: " + e.getMessage());
        }
    }

    /**
     * A step that Portage refused before it merged anything, as the plan says it:
     * the atoms with their set lines and Portage's lines; any other failure as it is.
     */
    private Exception inSiteWords(MachineJob job, Exception e, String stopped) {
        if (e instanceof StepFailedException failed && failed.refusal() != null) {
            Refusals words = new Refusals(job.id(), siteLines);
            PlanRefusedException refused = words.failure(stopped, words.lines(failed.refusal(), p -> null),
                    failed.log());
            refused.initCause(e);
            return refused;
        }
        return e;
    }

    private static Outcome unchanged(MachineJob job) {
        return new Outcome(job.id(), job.partition(), Outcome.Result.UNCHANGED,
                "inputs as in the last run: no container started", Duration.ZERO);
    }
}
