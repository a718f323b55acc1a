package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.render.Layout;
import org.zentoo.render.RenderResult;
import org.zentoo.render.RenderedMachine;
import org.zentoo.render.Renderer;

/** Renders each machine of config/ into a Portage configuration root under target/zentoo/machines/. */
@Mojo(name = "render", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class RenderMojo extends AbstractZentooMojo {

    /**
     * Makes an unknown file in a set or machine directory (a typo such as
     * {@code package.accept_keyword}) an error instead of a warning.
     *
     * @since 0.1
     */
    @Parameter(property = "zentoo.strict", defaultValue = "false")
    private boolean strict;

    @Override
    protected boolean strict() {
        return strict;
    }

    @Override
    protected String goal() {
        return "render";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        withSite(site -> {
            RenderResult result = Renderer.render(site, machineList(), outputDirectory.toPath());
            result.warnings().forEach(w -> getLog().warn(w));
            for (RenderedMachine m : result.machines()) {
                getLog().info("[" + m.machine().id() + "] "
                        + (result.skipped() ? "unchanged, not rendered again: " : "rendered ")
                        + new Layout(outputDirectory.toPath()).machineRoot(m.machine().id()));
            }
            if (result.machines().isEmpty()) {
                getLog().info("No machines to render in " + configDirectory
                        + " (machines under machines/zentoo/ render only when named in zentoo.machines)");
            }
        });
    }
}
