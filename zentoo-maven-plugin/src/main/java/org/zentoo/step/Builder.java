package org.zentoo.step;

import org.zentoo.binpkg.PartitionKey;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.Mount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * zentoo:build for one machine: a container from the seed with the rendered
 * config read-only compiles what the binpkg partition lacks and stores it there.
 */
public final class Builder {

    /**
     * emerge ends with its own summary, so the compiler's error is far above the
     * last lines a failure message shows: repeat the end of each failed build.log.
     */
    public static final String FAILED_BUILD_LOGS = "for f in /var/tmp/portage/*/*/temp/build.log; do [ -f \"$f\" ] || continue;"
            + " echo \"[zentoo] last lines of $f:\";"
            + " sed -e 's/\\x1b\\[[0-9;]*m//g' -e '/^ \\* ERROR: /,$d' \"$f\" | tail -n 12; done;";

    /** Where a failed build's container writes its bug reports (a bind mount of the machine's report directory). */
    static final String BUGREPORTS_PATH = "/run/zentoo-bugreports";
    static final String BUGREPORT_SCRIPT = ContainerScript.read(Builder.class, "bugreport.sh");

    private final StepRunner steps;
    private final Volumes volumes;
    private final ReproducibleBuild reproducible;
    private final BinpkgSigning signing;
    private FailureReports failureReports;
    private BinhostStore store;
    private Path storeCredentials;

    /**
     * Where a failed build leaves its bug reports: {@code directory} (empty, the machine's)
     * gets {@code <cat>/<pf>/} per failed package, owned by {@code owner} ({@code uid:gid},
     * or null to leave root's), with explain's answer for {@code variables} and the package.
     */
    public record FailureReports(Path directory, String owner, List<String> variables) {
    }

    public Builder(StepRunner steps, Volumes volumes, ReproducibleBuild reproducible) {
        this(steps, volumes, reproducible, null);
    }

    /** @param signing signs every gpkg the builds write; null writes them unsigned */
    public Builder(StepRunner steps, Volumes volumes, ReproducibleBuild reproducible, BinpkgSigning signing) {
        this.steps = steps;
        this.volumes = volumes;
        this.reproducible = reproducible;
        this.signing = signing;
    }

    /** The same builder, whose build containers collect bug reports when they fail. */
    public Builder reportingFailures(FailureReports reports) {
        Builder copy = copy();
        copy.failureReports = reports;
        return copy;
    }

    /**
     * The same builder with the binhost as its store: a build fetches the partition's
     * instances with --getbinpkg, compiles the rest into the container's own PKGDIR and
     * uploads the new instances, then the merged index. {@code credentials} is a file
     * ({@code user:password}), mounted read-only where a Swarm secret would be.
     */
    public Builder fromBinhost(BinhostStore binhost, Path credentials) {
        Builder copy = copy();
        copy.store = binhost;
        copy.storeCredentials = credentials;
        return copy;
    }

    private Builder copy() {
        Builder copy = new Builder(steps, volumes, reproducible, signing);
        copy.failureReports = failureReports;
        copy.store = store;
        copy.storeCredentials = storeCredentials;
        return copy;
    }

    /** Asks Portage, with the machine's config, the values that make up the build ABI. */
    public Map<String, String> probeBuildAbi(MachineJob job) throws EngineException, StepFailedException, IOException {
        List<String> lines = new ArrayList<>();
        ContainerSpec spec = configured(job, job.container(job.seedImage()))
                .script("portageq envvar -v " + String.join(" ", PartitionKey.VARIABLES));
        Path log = steps.run(job.id(), "probe", spec, lines::add).file();
        Map<String, String> values = PortageVariables.parse(lines);
        if (!values.containsKey("CHOST") || values.get("CHOST").isBlank()) {
            throw new StepFailedException(job.id(), "probe", "Portage reported no CHOST; is the profile valid?",
                    lines, log);
        }
        return values;
    }

    /**
     * Builds the machine's @world into its partition, the container changed first
     * (e.g. for distcc); returns what emerge did.
     */
    public EmergeReport build(MachineJob job, UnaryOperator<ContainerSpec> change)
            throws EngineException, StepFailedException, IOException {
        return build(job, "build", change);
    }

    /** {@link #build(MachineJob, UnaryOperator)} as a step of another name (its own log). */
    public EmergeReport build(MachineJob job, String step, UnaryOperator<ContainerSpec> change)
            throws EngineException, StepFailedException, IOException {
        EmergeReport report = new EmergeReport();
        PortageRefusal refusal = new PortageRefusal();
        steps.step(job.id(), step, buildContainer(job, change))
                .observe(line -> {
                    report.accept(line);
                    refusal.accept(line);
                })
                .explain(e -> refusal.before(report) ? e.refusedBy(refusal) : e)
                .run((id, log) -> log);
        return report;
    }

    /** The build's container: emerge of @world into the partition, under the store's lock. */
    ContainerSpec buildContainer(MachineJob job, UnaryOperator<ContainerSpec> change) {
        ContainerSpec spec = signed(change.apply(environment(job, true)));
        String collect = "";
        String functions = "";
        if (failureReports != null) {
            spec.mount(Mount.bind(failureReports.directory(), BUGREPORTS_PATH, false));
            functions = BUGREPORT_SCRIPT + explainFunction(failureReports.variables());
            // Set for the collector alone: the emerge's environment, which the report holds, stays as it was.
            collect = " ZENTOO_BUGREPORTS=" + BUGREPORTS_PATH + " ZENTOO_BUGREPORTS_OWNER="
                    + (failureReports.owner() == null ? "" : failureReports.owner()) + " zentoo_bugreports;";
        }
        if (store != null) {
            // Portage's FEATURES=getbinpkg is --getbinpkg: with --usepkg it takes the binhost's instances.
            spec.env("FEATURES", spec.env().get("FEATURES") + " getbinpkg")
                    .mount(Mount.bind(storeCredentials, BinhostStore.CREDENTIALS_PATH, true));
            spec.script(functions + signingPrelude() + store.prelude(job.partition(), signing != null)
                    + "mkdir -p \"$PKGDIR\" && { " + PortageCommands.line(PortageCommands.BUILD)
                    + " || { rc=$?; " + FAILED_BUILD_LOGS + collect + " exit $rc; }; } && "
                    + store.upload(job.partition()));
            return spec;
        }
        spec.script(functions + signingPrelude() + "mkdir -p \"$PKGDIR\" && " + PortageCommands.line(PortageCommands.BUILD)
                + " || { rc=$?; " + FAILED_BUILD_LOGS + collect + " exit $rc; }");
        return StoreLock.shared(spec);
    }

    /** explain.py as a shell function reading itself from a here-document, so nothing of it is in the environment. */
    private static String explainFunction(List<String> variables) {
        return "zentoo_explain() {\n  ZENTOO_EXPLAIN_VARIABLES='" + String.join(" ", variables)
                + "' python3 - <<'ZENTOO_EXPLAIN_PY'\n" + PortageExplain.SCRIPT
                + (PortageExplain.SCRIPT.endsWith("\n") ? "" : "\n") + "ZENTOO_EXPLAIN_PY\n}\n";
    }

    /**
     * The container with the signing key and Portage's signing variables when the
     * site signs; else with signatures ignored.
     */
    ContainerSpec signed(ContainerSpec spec) {
        if (signing != null) {
            return signing.apply(spec);
        }
        // Without a key, as before signing existed: Portage would check the signatures of binpkgs a
        // signing build left in the store against a keyring this container does not have.
        return spec.env("FEATURES", (spec.env().getOrDefault("FEATURES", "") + " binpkg-ignore-signature").strip());
    }

    /** Bash that prepares the container's GnuPG home before emerge, when the site signs. */
    String signingPrelude() {
        return signing == null ? "" : BinpkgSigning.PREPARE;
    }

    /**
     * A container of the machine's build environment: seed, rendered config
     * read-only, distfiles, the binpkg store with PKGDIR at the partition, and
     * SOURCE_DATE_EPOCH with Zentoo's reproducibility hook when the site has an
     * output timestamp.
     */
    public ContainerSpec environment(MachineJob job, boolean storeWritable) {
        ContainerSpec spec = reproducible.apply(configured(job, job.container(job.seedImage())))
                .mount(Mount.volume(volumes.distfiles(), Volumes.DISTFILES_PATH, false));
        if (store == null) {
            spec.mount(Mount.volume(volumes.binpkgs(), Volumes.BINPKGS_PATH, !storeWritable));
        }
        return spec.env("PKGDIR", job.pkgdir())
                .env("FEATURES", (storeWritable ? "buildpkg " : "") + "binpkg-multi-instance "
                        + PortageCommands.CONTAINER_FEATURES);
    }

    /**
     * A shell in the machine's build environment: the same config and volumes as a
     * build, with the binpkg store read-only unless asked otherwise. A writable
     * store is a store written into, so the shell holds the store's lock as a build does.
     */
    public ContainerSpec freshroot(MachineJob job, boolean writableStore, String command) {
        ContainerSpec spec = environment(job, writableStore);
        spec = command == null || command.isBlank() ? spec.command("/bin/bash", "-l") : spec.script(command);
        return writableStore ? StoreLock.shared(spec) : spec;
    }

    /** The rendered config, the kernel fragments and the world set, all read-only. */
    private static ContainerSpec configured(MachineJob job, ContainerSpec spec) {
        spec.mount(Mount.bind(job.portageConfig(), "/etc/portage", true))
                .mount(Mount.bind(job.worldSets(), "/var/lib/portage/world_sets", true))
                .mount(Mount.volume(job.reposVolume(), Volumes.REPOS_PATH, true))
                .env("EMERGE_WARNING_DELAY", "0")
                .env("NOCOLOR", "true")
                .env("CLEAN_DELAY", "0");
        if (Files.isDirectory(job.kernelConfig())) {
            spec.mount(Mount.bind(job.kernelConfig(), "/etc/kernel", true));
        }
        return spec;
    }
}
