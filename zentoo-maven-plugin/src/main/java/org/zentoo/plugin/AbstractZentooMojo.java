package org.zentoo.plugin;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.zentoo.archive.OutputTimestamp;
import org.zentoo.config.ConfigException;
import org.zentoo.render.RenderResult;
import org.zentoo.render.Renderer;
import org.zentoo.site.Site;

import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What every Zentoo goal shares: where the site's config/ and output live, and the
 * skip flags. Subclasses stay thin: read parameters, call plain classes, map errors.
 */
public abstract class AbstractZentooMojo extends AbstractMojo {

    /** The site's project: its base directory, and where artifacts attach. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** The Maven session: whether Maven runs offline ({@code -o}). */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** The site's config/ directory. */
    @Parameter(property = "zentoo.configDirectory", defaultValue = "${project.basedir}/config")
    protected File configDirectory;

    /** Machines to work on, comma-separated; empty means every machine outside machines/zentoo/. */
    @Parameter(property = "zentoo.machines")
    protected String machines;

    /** Where rendered machines, logs and tarballs go. */
    @Parameter(property = "zentoo.outputDirectory", defaultValue = "${project.build.directory}/zentoo")
    protected File outputDirectory;

    /** The mtime clamp of every tarball; without it, SOURCE_DATE_EPOCH. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    protected String outputTimestamp;

    /** Skips every Zentoo goal. */
    @Parameter(property = "zentoo.skip", defaultValue = "false")
    protected boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping zentoo:" + goal() + " (zentoo.skip=true)");
            return;
        }
        String ownSkip = goalSkipReason();
        if (ownSkip != null) {
            getLog().info("Skipping zentoo:" + goal() + " (" + ownSkip + ")");
            return;
        }
        run();
    }

    /** The goal name, for log lines. */
    protected abstract String goal();

    /** A reason to skip this goal alone (its own {@code zentoo.<goal>.skip}), or null. */
    protected String goalSkipReason() {
        return null;
    }

    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /** What a goal does with a loaded site; the site model never sees Maven types. */
    protected interface SiteWork {
        void run(Site site) throws ConfigException, IOException;
    }

    private Site loadedSite;

    /**
     * Whether this goal runs with {@code -Dzentoo.strict}: then an unknown file in a set
     * is an error, not a warning. Only the goals that have the parameter say yes.
     */
    protected boolean strict() {
        return false;
    }

    /** config/, loaded once per goal execution: every part of a goal reads the same site. */
    protected final Site site() throws MojoFailureException {
        if (loadedSite == null) {
            try {
                loadedSite = Site.load(configDirectory.toPath(), strict());
            } catch (ConfigException e) {
                throw new MojoFailureException(e.getMessage(), e);
            }
        }
        return loadedSite;
    }

    /**
     * Loads config/, logs its warnings and runs {@code work}, mapping a bad site to a
     * failure (the message starts with {@code config/...:LINE:}) and I/O to an error.
     */
    protected void withSite(SiteWork work) throws MojoExecutionException, MojoFailureException {
        Site loaded = site();
        try {
            loaded.warnings().forEach(w -> getLog().warn(w));
            work.run(loaded);
        } catch (ConfigException | IOException e) {
            throw Failures.mapped(e);
        }
    }

    /**
     * Renders the machines again when config/ changed since their trees were rendered
     * (or they never were), and says so: a goal that reads the trees never acts on an
     * older config/. In a lifecycle run zentoo:render has just run, and this finds the
     * trees fresh and writes nothing.
     */
    protected final void freshRender(List<String> ids) throws MojoExecutionException, MojoFailureException {
        RenderResult result;
        try {
            result = Renderer.render(site(), ids, outputDirectory.toPath());
        } catch (ConfigException | IOException e) {
            throw Failures.mapped(e);
        }
        if (result.skipped()) {
            return;
        }
        result.warnings().forEach(w -> getLog().warn(w));
        String which = result.machines().stream().map(m -> m.machine().id()).collect(Collectors.joining(", "));
        getLog().info(switch (result.found()) {
            case STALE -> configDirectory.getName() + "/ changed since the last render: re-rendered " + which
                    + " into " + outputDirectory + " before zentoo:" + goal();
            default -> "not rendered yet: rendered " + which + " into " + outputDirectory + " before zentoo:" + goal();
        });
    }

    /** project.build.outputTimestamp, else SOURCE_DATE_EPOCH, else no clamp (with a warning). */
    protected Instant clamp() throws MojoFailureException {
        String source = "project.build.outputTimestamp";
        try {
            Instant fromProject = OutputTimestamp.parse(outputTimestamp);
            if (fromProject != null) {
                return fromProject;
            }
            source = "SOURCE_DATE_EPOCH";
            Instant fromEnv = OutputTimestamp.parse(System.getenv("SOURCE_DATE_EPOCH"));
            if (fromEnv == null) {
                getLog().warn("Neither project.build.outputTimestamp nor SOURCE_DATE_EPOCH is set: mtimes are"
                        + " not clamped, so tarballs are only reproducible from identical files");
            }
            return fromEnv;
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(source + ": " + e.getMessage(), e);
        }
    }

    /** The ids named in zentoo.machines; empty when none are named. */
    protected List<String> machineList() {
        if (machines == null || machines.isBlank()) {
            return List.of();
        }
        return Arrays.stream(machines.split(",")).map(String::strip).filter(id -> !id.isEmpty()).toList();
    }

    /**
     * {@code java} (the default: the same bytes on every machine) or {@code system} (the
     * host's xz on every core: faster, the same bytes only with the same XZ Utils).
     */
    protected static boolean systemXz(String compressor, String property) throws MojoFailureException {
        return switch (compressor == null ? "java" : compressor.trim()) {
            case "java" -> false;
            case "system" -> true;
            default -> throw new MojoFailureException(property + ": expected java or system, not '" + compressor + "'");
        };
    }
}
