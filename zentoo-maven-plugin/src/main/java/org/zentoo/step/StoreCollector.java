package org.zentoo.step;

import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.Mount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * zentoo:gc's container: removes the binpkg instances no lock needs from every
 * partition of the store, with the store's lock held exclusively (its writers hold
 * it shared, see {@link StoreLock}), and rewrites each Packages index. Its
 * {@code [zentoo]} lines (what it keeps, removes, waits for) reach the console
 * as every step's do.
 */
public final class StoreCollector {

    private static final String SCRIPT = ContainerScript.read(StoreCollector.class, "gc.sh");
    private static final String PYTHON = ContainerScript.read(StoreCollector.class, "gc.py");
    private static final Pattern SUMMARY = Pattern.compile(
            "^zentoo-gc-summary (\\S+) kept (\\d+) (\\d+) removed (\\d+) (\\d+)$");

    private final StepRunner steps;
    private final Volumes volumes;

    public StoreCollector(StepRunner steps, Volumes volumes) {
        this.steps = steps;
        this.volumes = volumes;
    }

    /** One partition's account. */
    public record PartitionResult(String partition, int kept, long keptBytes, int removed, long removedBytes) {
    }

    /**
     * @param image    a seed with Portage (for emaint)
     * @param keep     sha256 of every instance to keep
     * @param keepDays instances younger than this are kept too; 0: none for their age
     * @param dryRun   report only; the store is mounted read-only
     * @param waitSeconds how long to wait for running builds; 0 refuses at once
     */
    public List<PartitionResult> collect(String image, Set<String> keep, int keepDays, boolean dryRun,
                                         int waitSeconds)
            throws EngineException, StepFailedException, IOException {
        List<PartitionResult> results = new ArrayList<>();
        ContainerSpec spec = new ContainerSpec(image).machine("gc")
                .mount(Mount.volume(volumes.binpkgs(), Volumes.BINPKGS_PATH, dryRun))
                // emaint re-reads every binpkg; it only indexes, so signatures are not its business here.
                .env("FEATURES", "binpkg-multi-instance binpkg-ignore-signature " + PortageCommands.CONTAINER_FEATURES)
                .env("ZENTOO_GC_KEEP_DAYS", Integer.toString(keepDays))
                .env("ZENTOO_GC_DRY_RUN", Boolean.toString(dryRun))
                .env("ZENTOO_GC_WAIT", Integer.toString(waitSeconds))
                .env(StoreLock.GC_VARIABLE, StoreLock.FILE)
                .script(SCRIPT);
        Path dir = Files.createTempDirectory("zentoo-gc");
        try {
            Files.writeString(dir.resolve("keep"), String.join("\n", new TreeSet<>(keep)) + "\n",
                    StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("gc.py"), PYTHON, StandardCharsets.UTF_8);
            List<DirectoryTar.Tree> trees = List.of(new DirectoryTar.Tree(dir, "var/tmp/zentoo/gc"));
            steps.step("gc", dryRun ? "gc-dry-run" : "gc", spec)
                    .copyIn("/", out -> DirectoryTar.write(trees, out))
                    .observe(line -> {
                        Matcher m = SUMMARY.matcher(line);
                        if (m.matches()) {
                            results.add(new PartitionResult(m.group(1), Integer.parseInt(m.group(2)),
                                    Long.parseLong(m.group(3)), Integer.parseInt(m.group(4)),
                                    Long.parseLong(m.group(5))));
                        }
                    })
                    .run((id, log) -> null);
        } finally {
            Files.deleteIfExists(dir.resolve("keep"));
            Files.deleteIfExists(dir.resolve("gc.py"));
            Files.deleteIfExists(dir);
        }
        return results;
    }
}
