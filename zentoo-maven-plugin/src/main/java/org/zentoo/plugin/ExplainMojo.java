package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.config.ConfigException;
import org.zentoo.engine.DaemonUnreachableException;
import org.zentoo.engine.EngineException;
import org.zentoo.explain.Explainer;
import org.zentoo.explain.Explanation;
import org.zentoo.explain.PortageExplanation;
import org.zentoo.files.AtomicFile;
import org.zentoo.kernel.KernelOptions;
import org.zentoo.machine.Machine;
import org.zentoo.pipeline.NotRenderedException;
import org.zentoo.pipeline.SitePipeline;
import org.zentoo.render.Layout;
import org.zentoo.render.Renderer;
import org.zentoo.seed.SeedException;
import org.zentoo.site.Site;
import org.zentoo.step.StepFailedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
    public static final String OFFLINE_FIRST_LINE = "OFFLINE: the profile and the ebuilds' IUSE defaults were NOT"
            + " consulted; below is only what config/ says (%s)";

    /** Variables reported besides the ones the machine's sets assign. */
    static final List<String> VARIABLES = List.of("CHOST", "CFLAGS", "CXXFLAGS", "LDFLAGS", "MAKEOPTS", "FEATURES",
            "ACCEPT_KEYWORDS", "ACCEPT_LICENSE", "USE");

    /** The machine to explain, by its id under config/machines/ (for example {@code web01}). */
    @Parameter(property = "zentoo.machine", required = true)
    protected String machine;

    /** A package such as {@code app-misc/hello}, or {@code @world}; without it only the machine is explained. */
    @Parameter(property = "zentoo.atom")
    protected String atom;

    /** Turns conflicts (a flag enabled by one set and disabled by a later one) into a build failure. */
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
        Site site;
        try {
            site = Site.load(configDirectory.toPath());
            site.warnings().forEach(w -> getLog().warn(w));
            if (offline) {
                configOnly(site, "-Dzentoo.explain.offline=true");
                return;
            }
            Machine m = site.machine(machine);
            Renderer.render(site, List.of(machine), outputDirectory.toPath());
            String answer;
            try (SitePipeline pipeline = SitePipeline.connect(settings())) {
                answer = pipeline.explain(m, atoms(), variables(site));
            } catch (DaemonUnreachableException e) {
                configOnly(site, "no Docker daemon answers: " + e.getMessage());
                return;
            }
            PortageExplanation explanation = PortageExplanation.of(site, machine, answer);
            explanation.lines().forEach(l -> getLog().info("[" + machine + "] " + l));
            if (json) {
                Path file = new Layout(outputDirectory.toPath()).explainReport(machine);
                Files.createDirectories(file.getParent());
                AtomicFile.write(file, explanation.json(), AtomicFile.WORLD_READABLE);
                getLog().info("[" + machine + "] JSON report " + file + ":");
                explanation.json().lines().forEach(l -> getLog().info(l));
            }
        } catch (ConfigException | IOException | EngineException | SeedException | StepFailedException
                 | NotRenderedException e) {
            throw Failures.mapped(e);
        }
    }

    private List<String> atoms() {
        return atom == null || atom.isBlank() ? List.of() : List.of(atom.strip().split("\\s*,\\s*|\\s+"));
    }

    private List<String> variables(Site site) throws ConfigException {
        Set<String> names = new LinkedHashSet<>(VARIABLES);
        names.addAll(Explainer.explain(site, machine, null, false).variables().keySet());
        return new ArrayList<>(names);
    }

    /** Today's answer from config/ alone; its first line says what it did not consult. */
    private void configOnly(Site site, String why) throws ConfigException {
        getLog().warn("[" + machine + "] " + String.format(OFFLINE_FIRST_LINE, why));
        String single = atom == null || atom.isBlank() || atom.strip().startsWith("@") ? null : atom;
        Explanation e = Explainer.explain(site, machine, single, strict);
        e.lines().forEach(l -> getLog().info("[" + machine + "] " + l));
        e.conflicts().forEach(c -> getLog().warn("[" + machine + "] conflict: " + c));
        KernelOptions kernel = KernelOptions.of(site.machine(machine).stack());
        if (!kernel.options().isEmpty()) {
            getLog().info("[" + machine + "] kernel options (kernel.config fragments, later sets win):");
            kernel.options().forEach(o -> getLog().info("[" + machine + "]   " + o.name() + "="
                    + o.value() + "  from " + o.origin()));
        }
        kernel.conflicts().forEach(c -> getLog().warn("[" + machine + "] kernel conflict: " + c));
        if (strict) {
            kernel.failOnConflict();
        }
    }
}
