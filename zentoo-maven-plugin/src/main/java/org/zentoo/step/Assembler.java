package org.zentoo.step;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.zentoo.archive.TarLayer;
import org.zentoo.binpkg.SigningKey;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.Mount;
import org.zentoo.engine.StreamPump;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * zentoo:assemble for one machine: a fresh container from the seed installs
 * @world from binpkgs alone, with the partition mounted read-only, then gets the
 * overlay and services. Its filesystem is handed to a {@link StageSink}.
 */
public final class Assembler {

    private static final String SCRIPT = ContainerScript.read(Assembler.class, "assemble.sh");

    /** Where the reproducibility hook is copied; assemble.sh removes /var/tmp/zentoo at its end. */
    private static final String HOOK_PATH = "/var/tmp/zentoo/python";

    /** assemble.sh's lines about zentoo.lock's instances, quoted in the failure. */
    private static final List<String> LOCK_LINES = List.of("[zentoo] locked instance missing: ",
            "[zentoo] locked, not installed: ", "[zentoo] installed, not locked: ");
    /** Portage's line for a gpkg whose signature gpg did not accept. */
    private static final java.util.regex.Pattern GPG_REFUSED = java.util.regex.Pattern.compile(
            "^!!! (?:Error extracting|Invalid binary package:) '(?:.*/)?([^/']+/[^/']+/[^/']+\\.gpkg\\.tar)'[^,]*,"
                    + " GnuPG verification failed$");

    private final StepRunner steps;
    private final Volumes volumes;
    private final ReproducibleBuild reproducible;
    private final SigningKey siteKey;
    private final URI binhost;
    private StoreTask store;

    /** An assembly whose store is the binhost: where it stages its root, with which credentials file. */
    private record StoreTask(BinhostStore store, Path credentials, String run) {
    }

    /** What gets the assembled root: the layers of its tar stream, in order. */
    @FunctionalInterface
    public interface RootSink {
        void accept(List<TarLayer> layers) throws IOException;
    }

    public Assembler(StepRunner steps, Volumes volumes, ReproducibleBuild reproducible) {
        this(steps, volumes, reproducible, null, null);
    }

    /**
     * @param siteKey when not null, every binpkg must carry a valid signature by this key
     *                (FEATURES=binpkg-request-signature, the key the one trusted in /etc/portage/gnupg)
     * @param binhost when not null, the stage gets /etc/portage/binrepos.conf/zentoo.conf pointing at
     *                {@code <binhost>/<partition>/}
     */
    public Assembler(StepRunner steps, Volumes volumes, ReproducibleBuild reproducible, SigningKey siteKey,
                     URI binhost) {
        this.steps = steps;
        this.volumes = volumes;
        this.reproducible = reproducible;
        this.siteKey = siteKey;
        this.binhost = binhost;
    }

    /**
     * The same assembler, installing from the binhost {@code store} (--getbinpkgonly) and
     * staging the root there for Zentoo to fetch: the task holds only {@code credentials}
     * (a file with the staging user's {@code user:password}), mounted in /dev/shm.
     */
    public Assembler fromBinhost(BinhostStore store, Path credentials, String run) {
        Assembler copy = new Assembler(steps, volumes, reproducible, siteKey, binhost);
        copy.store = new StoreTask(store, credentials, run);
        return copy;
    }

    /** The URL of a partition on the binhost, as binrepos.conf's sync-uri names it. */
    public static String partitionUrl(URI binhost, String partition) {
        String base = binhost.toString();
        return (base.endsWith("/") ? base : base + "/") + partition + "/";
    }

    /**
     * Assembles, exports the root into the sink (as the tar stream of
     * {@code docker export}), and returns the installed-packages list.
     */
    public Result assemble(MachineJob job, StreamPump.Reader sink)
            throws EngineException, StepFailedException, IOException {
        return assemble(job, "assemble", sink);
    }

    /** {@link #assemble(MachineJob, StreamPump.Reader)} as a step of another name (its own log). */
    public Result assemble(MachineJob job, String step, StreamPump.Reader sink)
            throws EngineException, StepFailedException, IOException {
        return assemble(job, step, sink, List.of());
    }

    /**
     * {@link #assemble(MachineJob, String, StreamPump.Reader)} installing exactly {@code locked}
     * (zentoo.lock's instances, {@code cat/pf::repo sha256:HEX} lines; empty for no lock): a locked
     * instance missing from the store, or an installed package that is not the locked instance,
     * fails the step and names them.
     */
    public Result assemble(MachineJob job, String step, StreamPump.Reader sink, List<String> locked)
            throws EngineException, StepFailedException, IOException {
        return assemble(job, step, (RootSink) layers -> {
            if (layers.size() != 1) {
                throw new IOException("a staged root comes in layers; give this assembler a RootSink");
            }
            sink.readFrom(layers.get(0).tar());
        }, locked);
    }

    /** {@link #assemble(MachineJob, String, StreamPump.Reader, List)}, the root handed over as layers. */
    public Result assemble(MachineJob job, String step, RootSink sink, List<String> locked)
            throws EngineException, StepFailedException, IOException {
        DockerEngine engine = steps.engine();
        EmergeReport report = new EmergeReport();
        PortageRefusal refusal = new PortageRefusal();
        List<String> needed = new ArrayList<>();
        List<String> lockProblems = new ArrayList<>();
        List<String> unverified = new ArrayList<>();
        ContainerSpec spec = reproducible.withHookAt(job.container(job.seedImage()), HOOK_PATH);
        if (store == null) {
            spec.mount(Mount.volume(volumes.binpkgs(), Volumes.BINPKGS_PATH, true));
        }
        spec.mount(Mount.volume(job.reposVolume(), Volumes.REPOS_PATH, true))
                .env("PKGDIR", store == null ? job.pkgdir() : BinhostStore.ASSEMBLY_PKGDIR)
                .env("FEATURES", "-buildpkg binpkg-multi-instance " + PortageCommands.CONTAINER_FEATURES
                        // Without a site key, signatures are not checked at all (as before signing existed).
                        + (siteKey == null ? " binpkg-ignore-signature" : " binpkg-request-signature"))
                .env("EMERGE_WARNING_DELAY", "0")
                .env("ZENTOO_EMERGE", PortageCommands.line(PortageCommands.ASSEMBLE)
                        + (store == null ? "" : " --getbinpkgonly"))
                .env("ZENTOO_SEED", job.seedDigest())
                .script(store == null ? SCRIPT : store.store().helper() + SCRIPT + "\n"
                        + store.store().stageRoot(store.run(), job.id()));
        if (store != null) {
            store.store().assemblyEnvironment(job.partition()).forEach(spec::env);
            spec.env("ZENTOO_STORE_CREDENTIALS", BinhostStore.STAGING_CREDENTIALS_PATH)
                    .mount(Mount.bind(store.credentials(), BinhostStore.STAGING_CREDENTIALS_PATH, true));
        }
        if (siteKey != null) {
            spec.env("ZENTOO_SIGNING_KEY", siteKey.fingerprint())
                    .env("ZENTOO_SIGNING_TIME", Long.toString(siteKey.created()));
        }
        if (binhost != null) {
            spec.env("ZENTOO_BINHOST", partitionUrl(binhost, job.partition()));
        }
        Path extras = Files.createTempDirectory("zentoo-assemble");
        try {
            Files.write(extras.resolve("services"), job.services(), StandardCharsets.UTF_8);
            if (!locked.isEmpty()) {
                Files.write(extras.resolve("locked"), locked, StandardCharsets.UTF_8);
            }
            if (siteKey != null) {
                Files.write(extras.resolve("site-key.asc"), siteKey.publicKey());
                Files.writeString(extras.resolve("trust.sh"), BinpkgSigning.TRUST, StandardCharsets.UTF_8);
            }
            // The rendered root, the overlay and the services list as one tar, streamed: an overlay may be large.
            List<DirectoryTar.Tree> trees = new ArrayList<>();
            trees.add(new DirectoryTar.Tree(extras, "var/tmp/zentoo"));
            trees.add(new DirectoryTar.Tree(job.rendered(), "var/tmp/zentoo/root"));
            if (job.overlay() != null) {
                trees.add(new DirectoryTar.Tree(job.overlay(), "var/tmp/zentoo/overlay"));
            }
            // Portage installs symlinks from a gpkg with the time of extraction unless the hook is there.
            reproducible.hookDirectory().ifPresent(dir -> trees.add(new DirectoryTar.Tree(dir, HOOK_PATH.substring(1))));
            return steps.step(job.id(), step, spec)
                    .copyIn("/", out -> DirectoryTar.write(trees, out))
                    .observe(line -> {
                        report.accept(line);
                        refusal.accept(line);
                        if (line.startsWith("[zentoo] needed: ")) {
                            needed.add(line.substring("[zentoo] needed: ".length()));
                        }
                        for (String prefix : LOCK_LINES) {
                            if (line.startsWith(prefix)) {
                                lockProblems.add(line.substring("[zentoo] ".length()));
                            }
                        }
                        java.util.regex.Matcher refused = GPG_REFUSED.matcher(line);
                        if (refused.matches()) {
                            unverified.add(refused.group(1));
                        }
                    })
                    .explain(e -> !lockProblems.isEmpty() ? new StepFailedException(job.id(), step,
                            String.join("; ", lockProblems) + ". zentoo.lock pins these binpkg instances; a missing"
                                    + " one is never replaced by another build of the same version. Restore it,"
                                    + " or build with the config that made it",
                            List.of(), steps.logFile(job.id(), step))
                            : !unverified.isEmpty() ? new StepFailedException(job.id(), step,
                            "refused binpkg " + String.join(", ", unverified) + ": no valid signature by the site's key "
                                    + siteKey.fingerprint() + " (unsigned, changed after it was signed, or signed by"
                                    + " another key; FEATURES=binpkg-request-signature)."
                                    + " Build it again with the signing key, or remove it from the store.",
                            List.of(), steps.logFile(job.id(), step))
                            : report.useMismatches().isEmpty() ? (refusal.before(report) ? e.refusedBy(refusal) : e)
                            : new StepFailedException(job.id(), step,
                            "no binary package with the USE this machine needs for "
                                    + String.join(", ", report.useMismatches())
                                    + " (needed: " + String.join("; ", needed) + "). Run zentoo:build first,"
                                    + " or check that the machine's config did not change since the build.",
                            List.of(), steps.logFile(job.id(), step)))
                    .run((id, log) -> {
                        if (store == null) {
                            String packages = readFile(engine, id, "/var/lib/zentoo/packages.txt");
                            String instances = readFile(engine, id, "/var/lib/zentoo/instances");
                            StreamPump.pipe("export of " + job.id(), out -> engine.containers().export(id, out),
                                    in -> sink.accept(List.of(new TarLayer(in, ""))));
                            return new Result(report, packages, instances);
                        }
                        // The container may be on another node, or gone: its lists are in the staged root.
                        String[] lists = stagedLists(job);
                        List<TarLayer> layers = new ArrayList<>(runtimePaths(engine, job));
                        try (InputStream staged = store.store().openStaged(store.run(), job.id())) {
                            layers.add(0, new TarLayer(staged, ""));
                            sink.accept(layers);
                        }
                        store.store().deleteStaged(store.run(), job.id());
                        return new Result(report, lists[0], lists[1]);
                    });
        } finally {
            Files.deleteIfExists(extras.resolve("services"));
            Files.deleteIfExists(extras.resolve("locked"));
            Files.deleteIfExists(extras.resolve("site-key.asc"));
            Files.deleteIfExists(extras.resolve("trust.sh"));
            Files.deleteIfExists(extras);
        }
    }

    /**
     * {@link BinhostStore#RUNTIME_PATHS} as {@code docker export} shows them, from a container
     * of the machine's seed that is created and never started: its runtime layer is made at
     * creation, and nothing of the assembly touches these paths.
     */
    private List<TarLayer> runtimePaths(DockerEngine engine, MachineJob job) throws EngineException {
        String id = engine.containers().create(job.container(job.seedImage()).command("true"));
        try {
            List<TarLayer> layers = new ArrayList<>();
            for (String path : BinhostStore.RUNTIME_PATHS) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    engine.containers().copyOut(id, "/" + path, out);
                } catch (EngineException e) {
                    if (e.getMessage().contains("Could not find the file")) {
                        continue; // the runtime did not make this one here: nor in an export
                    }
                    throw e;
                }
                int slash = path.lastIndexOf('/');
                layers.add(new TarLayer(new ByteArrayInputStream(out.toByteArray()), slash < 0 ? "" : path.substring(0, slash)));
            }
            return layers;
        } finally {
            engine.containers().remove(id);
        }
    }

    /**
     * packages.txt and instances of the staged root, read by a GET of their own: the
     * packer's pass reads the root as layers and gives no entry back.
     */
    private String[] stagedLists(MachineJob job) throws IOException {
        String[] lists = new String[2];
        List<String> names = List.of("var/lib/zentoo/packages.txt", "var/lib/zentoo/instances");
        try (TarArchiveInputStream tar = new TarArchiveInputStream(store.store().openStaged(store.run(), job.id()))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null && (lists[0] == null || lists[1] == null);
                 e = tar.getNextEntry()) {
                int i = names.indexOf(e.getName());
                if (i >= 0) {
                    lists[i] = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        for (int i = 0; i < 2; i++) {
            if (lists[i] == null) {
                throw new IOException("/" + names.get(i) + " is missing from the staged root of " + job.id()
                        + " at " + store.store().stagingUrl(store.run(), job.id())
                        + ": assemble.sh writes it; read the assembly's log, then run zentoo:assemble again");
            }
        }
        return lists;
    }

    private static String readFile(DockerEngine engine, String id, String path) throws EngineException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.containers().copyOut(id, path, out);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            TarArchiveEntry entry = tar.getNextEntry();
            if (entry == null) {
                throw new IOException(path + " is missing from the assembled stage");
            }
            return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * What assembly produced besides the root: emerge's account, the package list, and each
     * installed package's binpkg instance ({@code cat/pf::repo sha256:HEX} lines, as zentoo.lock pins them).
     */
    public record Result(EmergeReport report, String packages, String instances) {
    }
}
