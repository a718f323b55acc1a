package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.config.ConfigException;
import org.zentoo.engine.DaemonUnreachableException;
import org.zentoo.engine.EngineException;
import org.zentoo.explain.OfflineAnswer;
import org.zentoo.pipeline.NotRenderedException;
import org.zentoo.pipeline.SitePipeline;
import org.zentoo.seed.SeedException;
import org.zentoo.site.Site;
import org.zentoo.step.StepFailedException;

import java.io.IOException;
import java.util.List;

/**
 * Prints what Portage makes of a machine: its make.conf variables, its USE and, for
 * a package (or each package of @world), the version Portage picks and each IUSE
 * flag's final state with the file:line that decides it (a set line, a profile
 * file, the ebuild's IUSE default). Portage answers in a container of the machine's
 * build environment; without a Docker daemon, or with
 * {@code -Dzentoo.explain.offline=true}, only config/ is read, and the first line
 * says so.
 */
@Mojo(name = "explain", requiresProject = false, threadSafe = true)
public class ExplainMojo extends AbstractPipelineMojo {

    /** The first line of an answer that did not ask Portage. */
    public static final String OFFLINE_FIRST_LINE = OfflineAnswer.FIRST_LINE;

    /** The machine to explain, by its id under config/machines/ (for example {@code web01}). */
    @Parameter(property = "zentoo.machine", required = true)
    protected String machine;

    /** A package such as {@code app-misc/hello}, or {@code @world}; without it only the machine is explained. */
    @Parameter(property = "zentoo.atom")
    protected String atom;

    /**
     * Turns conflicts (a flag enabled by one set and disabled by a later one) and
     * unknown files in set directories into a build failure.
     */
    @Parameter(property = "zentoo.strict", defaultValue = "false")
    protected boolean strict;

    /**
     * Answers from config/ alone, without asking Portage in a container: the
     * profile and the ebuilds' IUSE defaults are then not consulted.
     *
     * @since 0.1
     */
    @Parameter(property = "zentoo.explain.offline", defaultValue = "false")
    protected boolean offline;

    /**
     * {@code text} (the default) or {@code json}: the Portage answer is then also
     * written to {@code target/zentoo/explain/<machine>.json} and printed.
     *
     * @since 0.1
     */
    @Parameter(property = "zentoo.explain.format", defaultValue = "text")
    protected String format;

    @Override
    protected boolean strict() {
        return strict;
    }

    @Override
    protected String goal() {
        return "explain";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        boolean json = switch (format == null ? "text" : format.strip()) {
            case "text" -> false;
            case "json" -> true;
            default -> throw new MojoFailureException("zentoo.explain.format: expected text or json, not '"
                    + format + "'");
        };
        try {
            Site site = site();
            site.warnings().forEach(w -> getLog().warn(w));
            if (offline) {
                print(OfflineAnswer.of(site, machine, atom, strict, "-Dzentoo.explain.offline=true"));
                return;
            }
            site.machine(machine); // an unknown machine fails here, naming config/, before any container
            freshRender(List.of(machine));
            SitePipeline.ExplainAnswer answer;
            try (SitePipeline pipeline = SitePipeline.connect(settings())) {
                answer = pipeline.explain(site, machine, atoms(), json);
            } catch (DaemonUnreachableException e) {
                print(OfflineAnswer.of(site, machine, atom, strict, "no Docker daemon answers: " + e.getMessage()));
                return;
            }
            answer.explanation().lines().forEach(l -> getLog().info("[" + machine + "] " + l));
            if (answer.report() != null) {
                getLog().info("[" + machine + "] JSON report " + answer.report() + ":");
                answer.explanation().json().lines().forEach(l -> getLog().info(l));
            }
        } catch (ConfigException | IOException | EngineException | SeedException | StepFailedException
                 | NotRenderedException e) {
            throw Failures.mapped(e);
        }
    }

    private List<String> atoms() {
        return atom == null || atom.isBlank() ? List.of() : List.of(atom.strip().split("\\s*,\\s*|\\s+"));
    }

    private void print(List<OfflineAnswer.Line> lines) {
        lines.forEach(l -> {
            if (l.warning()) {
                getLog().warn("[" + machine + "] " + l.text());
            } else {
                getLog().info("[" + machine + "] " + l.text());
            }
        });
    }
}
