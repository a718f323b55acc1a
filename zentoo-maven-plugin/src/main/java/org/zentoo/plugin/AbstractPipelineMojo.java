package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.build.Outcome;
import org.zentoo.build.SitePipeline;
import org.zentoo.build.StepFailedException;
import org.zentoo.build.StepRunner;
import org.zentoo.build.SummaryTable;
import org.zentoo.build.Volumes;
import org.zentoo.config.ConfigException;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.RunIdentity;
import org.zentoo.machine.Machine;
import org.zentoo.seed.FetchOptions;
import org.zentoo.seed.SeedException;
import org.zentoo.seed.SeedImages;
import org.zentoo.seed.TarballSeedFetcher;
import org.zentoo.site.Site;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The goals that run containers: they choose machines, connect to Docker, and map
 * what went wrong to the right Maven exception. The work is in {@link SitePipeline}.
 */
public abstract class AbstractPipelineMojo extends AbstractZentooMojo {

    /** Machines to work on, comma-separated; empty means every machine outside machines/zentoo/. */
    @Parameter(property = "zentoo.machines")
    protected String machines;

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

    /** Skips the signature check of seed tarballs (the SHA512 check stays); logs a loud warning. */
    @Parameter(property = "zentoo.seed.insecure", defaultValue = "false")
    protected boolean seedInsecure;

    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    protected String pluginVersion;

    /** Work to do with a connected pipeline. */
    @FunctionalInterface
    protected interface PipelineWork {
        List<Outcome> run(SitePipeline pipeline, List<Machine> machines) throws Exception;
    }

    protected final void withPipeline(PipelineWork work) throws MojoExecutionException, MojoFailureException {
        List<Machine> selected = selectedMachines();
        if (selected.isEmpty()) {
            getLog().info("No machines selected in " + configDirectory + "; nothing to do");
            return;
        }
        List<Outcome> outcomes;
        try (DockerEngine engine = DockerEngine.connect(RunIdentity.start(site))) {
            for (String leftover : engine.collectLeftovers()) {
                getLog().info("Removed what an earlier, killed run left behind: " + leftover);
            }
            StepRunner steps = new StepRunner(engine, outputDirectory.toPath().resolve("logs"), this::console);
            SeedImages seeds = new SeedImages(engine, new TarballSeedFetcher(fetchOptions()), session.isOffline());
            outcomes = work.run(new SitePipeline(steps, seeds, new Volumes(volumePrefix), outputDirectory.toPath(),
                    pluginVersion, this::console), selected);
        } catch (ConfigException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (SeedException e) {
            if (e.problem().userInput()) {
                throw new MojoFailureException(e.getMessage(), e);
            }
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (StepFailedException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (EngineException | IOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted", e);
        } catch (Exception e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        SummaryTable.format(goal(), outcomes).forEach(getLog()::info);
        List<Outcome> failed = outcomes.stream().filter(Outcome::failed).toList();
        if (!failed.isEmpty()) {
            throw new MojoFailureException("zentoo:" + goal() + " failed for "
                    + failed.stream().map(Outcome::machine).collect(Collectors.joining(", ")) + ":\n"
                    + failed.stream().map(Outcome::detail).collect(Collectors.joining("\n")));
        }
    }

    protected List<Machine> selectedMachines() throws MojoFailureException {
        try {
            Site loaded = Site.load(configDirectory.toPath());
            List<String> ids = RenderMojo.machineList(machines);
            List<Machine> result = new ArrayList<>();
            for (String id : ids.isEmpty() ? loaded.defaultMachines() : ids) {
                result.add(loaded.machine(id));
            }
            return result;
        } catch (ConfigException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    private FetchOptions fetchOptions() {
        FetchOptions options = new FetchOptions().offline(session.isOffline()).insecure(seedInsecure)
                .warnings(getLog()::warn)
                .baseDirectory(project.getBasedir().toPath());
        if (seedCache != null) {
            options.cacheDirectory(seedCache.toPath());
        }
        if (seedKeyring != null) {
            options.keyring(seedKeyring.toPath());
        }
        if (seedFingerprints != null && !seedFingerprints.isBlank()) {
            options.trustedFingerprints(Set.copyOf(Arrays.stream(seedFingerprints.split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList()));
        }
        return options;
    }

    /** Container output for people: one line, prefixed with its machine. */
    protected void console(String machine, String line) {
        getLog().info("[" + machine + "] " + line);
    }
}
