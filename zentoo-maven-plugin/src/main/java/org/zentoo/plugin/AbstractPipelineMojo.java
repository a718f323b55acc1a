package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.zentoo.binpkg.SigningKey;
import org.zentoo.pipeline.BinpkgOptions;
import org.zentoo.config.ConfigException;
import org.zentoo.distcc.DistccOptions;
import org.zentoo.engine.EngineException;
import org.zentoo.machine.Machine;
import org.zentoo.pipeline.GoalReport;
import org.zentoo.pipeline.NotRenderedException;
import org.zentoo.pipeline.PipelineSettings;
import org.zentoo.pipeline.SiteLock;
import org.zentoo.pipeline.SitePipeline;
import org.zentoo.step.BinhostStore;
import org.zentoo.lock.LockFile;
import org.zentoo.seed.FetchOptions;
import org.zentoo.seed.SeedException;
import org.zentoo.step.SnapshotVolumes;
import org.zentoo.step.StepFailedException;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The goals that run containers: they choose machines, connect to Docker, and map
 * what went wrong to the right Maven exception. The work is in {@link SitePipeline}.
 */
public abstract class AbstractPipelineMojo extends AbstractZentooMojo {

    /** The site's name in container labels; a run only ever cleans up after its own site. */
    @Parameter(property = "zentoo.site", defaultValue = "${project.groupId}:${project.artifactId}")
    protected String site;

    /** Names the shared volumes: PREFIX-binpkgs, PREFIX-distfiles, PREFIX-repos-SNAPSHOT. */
    @Parameter(property = "zentoo.volumePrefix", defaultValue = "zentoo")
    protected String volumePrefix;

    /** Where verified seed tarballs are cached. */
    @Parameter(property = "zentoo.seed.cache")
    protected File seedCache;

    /** OpenPGP keyring (exported public keys) to check seed tarball signatures with. */
    @Parameter(property = "zentoo.seed.keyring")
    protected File seedKeyring;

    /** Fingerprints trusted to sign seed tarballs, comma-separated; the default is Gentoo's release key. */
    @Parameter(property = "zentoo.seed.fingerprints")
    protected String seedFingerprints;

    /** Without a keyring, the seed keys are fetched from this address's Web Key Directory (then keys.gentoo.org) and cached. */
    @Parameter(property = "zentoo.seed.keyAddress", defaultValue = FetchOptions.GENTOO_RELEASE_ADDRESS)
    protected String seedKeyAddress;

    /** Skips the signature check of seed tarballs (the SHA512 check stays); logs a loud warning. */
    @Parameter(property = "zentoo.seed.insecure", defaultValue = "false")
    protected boolean seedInsecure;

    /** The plugin's own version: part of every machine's inputs, so a new Zentoo builds again. */
    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    protected String pluginVersion;

    /** The base URL of a Gentoo mirror; a dated SNAPSHOT comes from its snapshots/ directory. */
    @Parameter(property = "zentoo.snapshot.mirror", defaultValue = "https://distfiles.gentoo.org")
    protected String snapshotMirror;

    /** Where verified repository snapshot tarballs are cached. */
    @Parameter(property = "zentoo.snapshot.cache")
    protected File snapshotCache;

    /** OpenPGP keyring (exported public keys) to check snapshot signatures (.gpgsig) with. */
    @Parameter(property = "zentoo.snapshot.keyring")
    protected File snapshotKeyring;

    /** Fingerprints trusted to sign snapshots, comma-separated; the default is Gentoo's snapshot key. */
    @Parameter(property = "zentoo.snapshot.fingerprints")
    protected String snapshotFingerprints;

    /** Uses snapshot tarballs without a signature check, with a loud warning. */
    @Parameter(property = "zentoo.snapshot.insecure", defaultValue = "false")
    protected boolean snapshotInsecure;

    /**
     * Fails the build before any assembly when what it resolves (seed and snapshot digests,
     * rendered config, partition) differs from {@code zentoo.lock} in any way, listing the
     * differences; never writes the lock. For CI.
     */
    @Parameter(property = "zentoo.lock.frozen", defaultValue = "false")
    protected boolean lockFrozen;

    /**
     * Re-resolves seeds and snapshots instead of taking their locked digests: empty or
     * {@code true} for every machine, or a comma-separated list of machine ids. With
     * {@code zentoo:lock}, the only way a locked seed or snapshot moves forward.
     */
    @Parameter(property = "zentoo.lock.update")
    protected String lockUpdate;

    /**
     * The run's lock after {@link #runPipeline}: the records as they were before the run
     * ({@link SiteLock#previous(String)}) and as it left them ({@link SiteLock#current()}).
     */
    protected SiteLock siteLock;

    /**
     * Signs every binpkg the builds write: an OpenPGP secret key file, or a key id
     * in {@link #gnupgHome}. Assembly then accepts only binpkgs signed by it.
     */
    @Parameter(property = "zentoo.binpkg.signingKey")
    protected String signingKey;

    /** A GnuPG home holding {@link #signingKey} as a key id (exported with the host's gpg). */
    @Parameter(property = "zentoo.binpkg.gnupgHome")
    protected File gnupgHome;

    /** The settings.xml server whose password is the signing key's passphrase; none: the key has none. */
    @Parameter(property = "zentoo.binpkg.signingServerId")
    protected String signingServerId;

    /**
     * The binhost's base URL; stages get /etc/portage/binrepos.conf/zentoo.conf with
     * {@code <url>/<partition>/} and zentoo:binhost publishes there.
     */
    @Parameter(property = "zentoo.binhost.url")
    protected String binhostUrl;

    /** The settings.xml server with the binhost's user name and password; none: no credentials. */
    @Parameter(property = "zentoo.binhost.serverId")
    protected String binhostServerId;

    /**
     * With {@code zentoo.store=binhost}: the settings.xml server whose user may write only
     * {@code <zentoo.binhost.url>/.zentoo-staging/}. Assembly tasks get its credentials and
     * none that can write a partition. None: they get zentoo.binhost.serverId's. @since 0.1.0
     */
    @Parameter(property = "zentoo.binhost.stagingServerId")
    protected String stagingServerId;

    /**
     * Experimental: {@code binhost} makes builds and assemblies use {@code zentoo.binhost.url}
     * as their binpkg store instead of the local volume, as Swarm tasks on other nodes will
     * (docs/swarm-store.md): a build fetches with --getbinpkg and uploads its new instances,
     * then the partition's Packages; an assembly installs with --getbinpkgonly and stages
     * its root on the server for Zentoo to pack; zentoo:kernel stages its kernel's files there
     * the same way (its binpkgs stay in its container). {@code volume} (the default): the local store.
     *
     * @since 0.1.0
     */
    @Parameter(property = "zentoo.store", defaultValue = "volume")
    protected String store;

    /**
     * Experimental: builds, assemblies, kernels and the container part of stage tests run as
     * Docker Swarm jobs ({@code replicated-job} services) on the Swarm whose manager
     * {@code DOCKER_HOST} names, each on a node of the machine's architecture; a stage test's
     * QEMU boot stays on this host. Needs {@code zentoo.store=binhost} and {@code zentoo.registry}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "zentoo.swarm", defaultValue = "false")
    protected boolean swarm;

    /** More placement constraints of Swarm jobs, comma separated, e.g. {@code node.labels.zentoo==builder}. @since 0.1.0 */
    @Parameter(property = "zentoo.swarm.constraints")
    protected String swarmConstraints;

    /**
     * The registry every Swarm node pulls from ({@code host:port[/path]}): each job's image,
     * its step's seed plus one layer of inputs, is pushed there and pulled by digest. @since 0.1.0
     */
    @Parameter(property = "zentoo.registry")
    protected String registry;

    @Component
    protected SettingsDecrypter settingsDecrypter;

    /** A goal's call into the pipeline. */
    @FunctionalInterface
    protected interface Goal {
        GoalReport run(SitePipeline pipeline, List<Machine> machines)
                throws EngineException, SeedException, StepFailedException, IOException, ConfigException,
                NotRenderedException, InterruptedException;
    }

    /**
     * Connects a pipeline, runs the goal on the selected machines, prints its
     * summary, and fails as {@link Failures} says when a machine failed.
     */
    protected final GoalReport runPipeline(Goal goal) throws MojoExecutionException, MojoFailureException {
        List<Machine> selected = selectedMachines();
        if (selected.isEmpty()) {
            getLog().info("No machines selected in " + configDirectory + "; nothing to do");
            return GoalReport.empty(goal());
        }
        if (readsRenderedTrees()) {
            freshRender(selected.stream().map(Machine::id).toList());
        }
        PipelineSettings settings = settings();
        GoalReport report;
        try {
            // Read first: a malformed lock stops the run before any container starts.
            siteLock = SiteLock.load(project.getBasedir().toPath().resolve(LockFile.NAME), lockFrozen, lockUpdate,
                    site().machines().keySet(), settings.console());
        } catch (ConfigException | IOException e) {
            throw Failures.mapped(e);
        }
        try (SitePipeline pipeline = SitePipeline.connect(settings)) {
            pipeline.useLock(siteLock).withSecrets(ServerCredentials.secrets(session, settingsDecrypter))
                    .useSiteLines(siteUse());
            if (binhostStore()) {
                Server server = binhostServer(binhostServerId, "zentoo.binhost.serverId");
                Server stager = stagingServerId == null || stagingServerId.isBlank() ? server
                        : binhostServer(stagingServerId, "zentoo.binhost.stagingServerId");
                pipeline.withBinhostStore(new BinhostStore(settings.binpkg().binhost()),
                        user(server), password(server), user(stager), password(stager));
            }
            if (swarmMode()) {
                if (settings.distcc().enabled()) {
                    throw new MojoFailureException("zentoo.swarm=true does not run distcc workers around its build"
                            + " jobs yet: leave zentoo.distcc out, or build without zentoo.swarm");
                }
                if (stagingServerId == null || stagingServerId.isBlank()) {
                    getLog().warn("Assembly and kernel tasks get zentoo.binhost.serverId's credentials, which may write every"
                            + " partition: give zentoo.binhost.stagingServerId, a user the server lets write only "
                            + BinhostStore.STAGING + "/ (docs/swarm-store.md)");
                }
                pipeline.withSwarm(swarmConstraints, registry.strip());
            }
            report = goal.run(pipeline, selected);
        } catch (EngineException | SeedException | StepFailedException | IOException | ConfigException
                 | NotRenderedException | InterruptedException e) {
            throw Failures.mapped(e);
        }
        report.summary().forEach(getLog()::info);
        Failures.check(report);
        return report;
    }

    private Server binhostServer(String id, String property) throws MojoFailureException {
        return id == null || id.isBlank() ? null : ServerCredentials.server(session, settingsDecrypter, id, property);
    }

    private static String user(Server server) {
        return server == null ? null : server.getUsername();
    }

    private static char[] password(Server server) {
        return server == null || server.getPassword() == null ? null : server.getPassword().toCharArray();
    }

    /** zentoo.store: true for the binhost, which then must be an http(s) zentoo.binhost.url. */
    private boolean binhostStore() throws MojoFailureException {
        if (store == null || store.isBlank() || store.equals("volume")) {
            return false;
        }
        if (!store.equals("binhost")) {
            throw new MojoFailureException("zentoo.store=" + store + " is neither volume nor binhost."
                    + " Leave it out for the local store, or give -Dzentoo.store=binhost with zentoo.binhost.url");
        }
        if (binhostUrl == null || binhostUrl.isBlank() || !binhostUrl.strip().startsWith("http")) {
            throw new MojoFailureException("zentoo.store=binhost needs zentoo.binhost.url, a WebDAV http(s) URL"
                    + " (now: " + binhostUrl + "). Set it, with zentoo.binhost.serverId for its credentials");
        }
        return true;
    }

    /** zentoo.swarm: true when asked, with the binhost store and a registry the nodes pull from. */
    private boolean swarmMode() throws MojoFailureException {
        if (!swarm) {
            return false;
        }
        if (!binhostStore()) {
            throw new MojoFailureException("zentoo.swarm=true needs the binhost as the store: a Swarm node has no"
                    + " binpkg volume. Add -Dzentoo.store=binhost with zentoo.binhost.url (docs/swarm-store.md)");
        }
        if (registry == null || registry.isBlank()) {
            throw new MojoFailureException("zentoo.swarm=true needs zentoo.registry, a registry every Swarm node"
                    + " pulls from (e.g. registry.example:5000/zentoo): each job's image is pushed there");
        }
        return true;
    }

    /** Whether the goal reads the machines' rendered trees, which must then match config/ ({@link #freshRender}). */
    protected boolean readsRenderedTrees() {
        return true;
    }

    /** The pipeline settings from this goal's parameters. */
    protected final PipelineSettings settings() throws MojoFailureException {
        return new PipelineSettings(site, volumePrefix, outputDirectory.toPath(), pluginVersion,
                session.isOffline(), fetchOptions(), snapshotOptions(), URI.create(snapshotMirror), distcc(),
                clamp(), binpkgOptions(), new MavenConsole(getLog()));
    }

    /**
     * distcc for the goals that compile (zentoo:build, zentoo:kernel), which declare
     * its parameters; the others compile nothing and list none in their help.
     */
    protected DistccOptions distcc() throws MojoFailureException {
        return DistccOptions.OFF;
    }

    /** The distcc options of a compiling goal's parameters, a bad value failing as the user's mistake. */
    protected static DistccOptions distcc(int workers, String mode, int jobs, String registry, String crossImage)
            throws MojoFailureException {
        try {
            return DistccOptions.of(workers, mode, jobs, registry, crossImage);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    /** The signing key (read and checked now, before any container) and the binhost. */
    protected final BinpkgOptions binpkgOptions() throws MojoFailureException {
        URI binhost = binhostUrl == null || binhostUrl.isBlank() ? null : binhostUri();
        if (signingKey == null || signingKey.isBlank()) {
            return new BinpkgOptions(null, null, binhost);
        }
        char[] passphrase = null;
        if (signingServerId != null && !signingServerId.isBlank()) {
            String password = ServerCredentials.server(session, settingsDecrypter, signingServerId,
                    "zentoo.binpkg.signingServerId").getPassword();
            passphrase = password == null ? null : password.toCharArray();
        }
        try {
            if (gnupgHome != null) {
                return new BinpkgOptions(SigningKey.fromGnupgHome(gnupgHome.toPath(), signingKey, passphrase),
                        passphrase, binhost);
            }
            java.nio.file.Path key = project.getBasedir().toPath().resolve(signingKey);
            return new BinpkgOptions(SigningKey.fromFile(key), passphrase, binhost);
        } catch (IOException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    private URI binhostUri() throws MojoFailureException {
        try {
            URI uri = new URI(binhostUrl.strip());
            if (uri.getScheme() == null || !List.of("http", "https", "file").contains(uri.getScheme())) {
                throw new MojoFailureException("zentoo.binhost.url=" + binhostUrl
                        + ": expected an http:, https: or file: URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new MojoFailureException("zentoo.binhost.url=" + binhostUrl + ": " + e.getMessage(), e);
        }
    }

    /** Names set lines in plan messages, from config/. */
    protected final ConfigSiteUse siteUse() throws MojoFailureException {
        return new ConfigSiteUse(site());
    }

    protected List<Machine> selectedMachines() throws MojoFailureException {
        try {
            return site().select(machineList());
        } catch (ConfigException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    private FetchOptions fetchOptions() {
        return configured(new FetchOptions(), seedCache, seedKeyring, seedFingerprints).insecure(seedInsecure)
                .keyAddress(seedKeyAddress);
    }

    private FetchOptions snapshotOptions() {
        return configured(SnapshotVolumes.fetchOptions(), snapshotCache, snapshotKeyring, snapshotFingerprints)
                .insecure(snapshotInsecure);
    }

    /** The settings seeds and snapshots share, each from its own parameters. */
    private FetchOptions configured(FetchOptions options, File cache, File keyring, String fingerprints) {
        options.offline(session.isOffline()).warnings(getLog()::warn).baseDirectory(project.getBasedir().toPath());
        if (cache != null) {
            options.cacheDirectory(cache.toPath());
        }
        if (keyring != null) {
            options.keyring(keyring.toPath());
        }
        if (fingerprints != null && !fingerprints.isBlank()) {
            options.trustedFingerprints(Set.copyOf(Arrays.stream(fingerprints.split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList()));
        }
        return options;
    }
}
