package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Writes {@code zentoo.lock} without building: for each machine its seed and snapshot
 * digests, rendered-config hash and binpkg partition. With {@code -Dzentoo.lock.update}
 * (every machine, or {@code =web01,web02}) seeds and snapshots are resolved again, which
 * moves a lock whose tag moved; without it, locked ones stay. A machine's package lines
 * stay while its config, seed, snapshot and partition are the locked ones; otherwise
 * they go, and its next assembly records them.
 */
@Mojo(name = "lock", threadSafe = true)
public class LockMojo extends AbstractPipelineMojo {

    @Override
    protected String goal() {
        return "lock";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        runPipeline((pipeline, machines) -> pipeline.lock(machines));
    }
}
