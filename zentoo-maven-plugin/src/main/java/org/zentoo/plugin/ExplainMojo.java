package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.explain.Explainer;
import org.zentoo.explain.Explanation;
import org.zentoo.kernel.KernelOptions;

/** Prints what a machine's stack makes of make.conf and of one package's USE, and who decided each flag. */
@Mojo(name = "explain", requiresProject = false, threadSafe = true)
public class ExplainMojo extends AbstractZentooMojo {

    /** The machine to explain, by its id under config/machines/ (for example {@code web01}). */
    @Parameter(property = "zentoo.machine", required = true)
    protected String machine;

    /** A package such as {@code app-misc/hello}; without it only make.conf is explained. */
    @Parameter(property = "zentoo.atom")
    protected String atom;

    /** Turns conflicts (a flag enabled by one set and disabled by a later one) into a build failure. */
    @Parameter(property = "zentoo.strict", defaultValue = "false")
    protected boolean strict;

    @Override
    protected String goal() {
        return "explain";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        withSite(site -> {
            Explanation e = Explainer.explain(site, machine, atom, strict);
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
        });
    }
}
