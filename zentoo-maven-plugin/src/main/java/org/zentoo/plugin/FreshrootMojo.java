package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.machine.Machine;

import java.util.List;

/**
 * A shell in a clean container from a machine's seed, with its rendered config and
 * the shared volumes attached: the place to try an emerge before writing it into
 * config/. Nothing done there reaches a stage.
 */
@Mojo(name = "freshroot", threadSafe = true)
public class FreshrootMojo extends AbstractPipelineMojo {

    /** The machine whose config and seed to use; may be left out when the site has one machine. */
    @Parameter(property = "zentoo.machine")
    private String machine;

    /** Runs this command instead of an interactive shell (for scripts and CI). */
    @Parameter(property = "zentoo.freshroot.command")
    private String command;

    /** Mounts the machine's binpkg store read-write, so that what you build there is kept. */
    @Parameter(property = "zentoo.freshroot.writable", defaultValue = "false")
    private boolean writableStore;

    @Override
    protected String goal() {
        return "freshroot";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        machines = machine;
        if (machine == null || machine.isBlank()) {
            List<String> all = selectedMachines().stream().map(Machine::id).toList();
            if (all.size() != 1) {
                throw new MojoFailureException("zentoo:freshroot needs a machine: -Dzentoo.machine=ID, one of "
                        + String.join(", ", all));
            }
            machines = all.get(0);
        }
        runPipeline((pipeline, selected) -> pipeline.freshroot(selected.get(0), writableStore, command));
    }
}
