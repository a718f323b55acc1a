package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.lock.Lock;
import org.zentoo.lock.LockException;
import org.zentoo.lock.LockFile;
import org.zentoo.machine.Machine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Removes from the binpkg store the instances no lock needs: kept are those the
 * site's zentoo.lock records, those in the locks of {@code zentoo.gc.keep}, and
 * those built in the last {@code zentoo.gc.keepDays} days. Each partition's
 * Packages index is then rewritten as {@code emaint binhost --fix} does. Never
 * while a build of the same store runs: it waits {@code zentoo.gc.wait} seconds
 * for it, then refuses.
 */
@Mojo(name = "gc", threadSafe = true)
public class GcMojo extends AbstractPipelineMojo {

    /** Other sites' lock files whose instances are kept too, comma-separated. */
    @Parameter(property = "zentoo.gc.keep")
    private String keep;

    /** Instances built in the last this many days are kept whatever the locks say; 0: none for their age. */
    @Parameter(property = "zentoo.gc.keepDays", defaultValue = "0")
    private int keepDays;

    /** Only reports what would be kept and removed. */
    @Parameter(property = "zentoo.gc.dryRun", defaultValue = "false")
    private boolean dryRun;

    /** Seconds to wait for running builds of the store; 0 refuses at once. */
    @Parameter(property = "zentoo.gc.wait", defaultValue = "0")
    private int waitSeconds;

    /** gc reads the store and a seed, never a rendered tree. */
    @Override
    protected boolean readsRenderedTrees() {
        return false;
    }

    @Override
    protected String goal() {
        return "gc";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        // Each lock by the name the user gave it, so that an error names the file meant.
        Map<String, Path> locks = new LinkedHashMap<>();
        locks.put(LockFile.NAME, project.getBasedir().toPath().resolve(LockFile.NAME));
        if (keep != null) {
            for (String path : keep.split(",")) {
                if (!path.isBlank()) {
                    locks.put(path.strip(), project.getBasedir().toPath().resolve(path.strip()));
                }
            }
        }
        Set<String> instances = new TreeSet<>();
        for (Map.Entry<String, Path> named : locks.entrySet()) {
            Path file = named.getValue();
            try {
                Lock lock = LockFile.read(file, named.getKey()).orElseThrow(() -> new MojoFailureException(file
                        + " does not exist: zentoo:gc keeps what locks record, and without it would remove"
                        + " every instance (write it with zentoo:lock, or name existing locks in zentoo.gc.keep)"));
                instances.addAll(lock.instances());
                getLog().info("gc keeps the " + lock.instances().size() + " instances of " + file);
            } catch (IOException e) {
                throw new MojoExecutionException("cannot read " + file + ": " + e.getMessage(), e);
            } catch (LockException e) {
                throw new MojoFailureException(e.getMessage(), e);
            }
        }
        List<Machine> machines = selectedMachines();
        if (machines.isEmpty()) {
            throw new MojoFailureException("zentoo:gc needs a machine of the site for its seed (Portage's emaint)");
        }
        Machine machine = machines.get(0);
        runPipeline((pipeline, selected) -> pipeline.gc(machine, instances, keepDays, dryRun, waitSeconds));
    }
}
