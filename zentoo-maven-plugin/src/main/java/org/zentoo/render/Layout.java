package org.zentoo.render;

import java.nio.file.Path;

/**
 * Where things go under target/zentoo; no other class names a path there. The
 * Portage root is what build containers mount; what only assembly needs (overlay
 * files, services) sits beside it, so it never reaches /etc/portage.
 *
 * <p>The static methods give paths relative to the output directory (what the
 * renderer writes into a temporary tree first); an instance resolves them.
 */
public final class Layout {

    public static final String MACHINES = "machines";
    public static final String ASSEMBLY = "assembly";
    public static final String TESTS = "tests";
    public static final String INPUT_HASH = "render.sha256";

    private final Path base;

    /** @param base the output directory, {@code zentoo.outputDirectory} */
    public Layout(Path base) {
        this.base = base;
    }

    public Path base() {
        return base;
    }

    /** The rendered configuration root of a machine. */
    public Path machineRoot(String machineId) {
        return base.resolve(root(machineId));
    }

    /** What assembly adds to a machine's stage: overlay/ and services. */
    public Path assemblyDirectory(String machineId) {
        return base.resolve(assembly(machineId));
    }

    /**
     * The machine's stacked tests/ (zentoo:test): beside the assembly directory, not
     * in it, so that a changed test tests the same stage again instead of assembling anew.
     */
    public Path testsDirectory(String machineId) {
        return base.resolve(tests(machineId));
    }

    /** Where a machine's boot test writes its kernel image and initramfs while QEMU runs. */
    public Path bootDirectory(String classifierId) {
        return base.resolve("boot").resolve(classifierId);
    }

    /** The full output of every container step: {@code <machine>-<step>.log}. */
    public Path logs() {
        return base.resolve("logs");
    }

    /** The log of one machine's step; a machine id's {@code /} becomes {@code -}. */
    public static Path logFile(Path logs, String machineId, String step) {
        return logs.resolve(machineId.replace('/', '-') + "-" + step + ".log");
    }

    /** Zentoo's Python hook for Portage, mounted read-only into build and kernel containers. */
    public Path reproducibilityHook() {
        return base.resolve("hooks").resolve("python");
    }

    /** What the last run did for a machine, step by step. */
    public Path stateFile(String classifierId) {
        return base.resolve("state").resolve(classifierId + ".properties");
    }

    /** The stage3 tarball, attached as {@code stage3-<machine>}. */
    public Path stage(String classifierId, String extension) {
        return base.resolve("stages").resolve("stage3-" + classifierId + extension);
    }

    /** A stage3 that zentoo:rebuild-check assembled from its scratch store, kept only when it differs. */
    public Path rebuiltStage(String classifierId, String extension) {
        return base.resolve("rebuild-check").resolve("stage3-" + classifierId + extension);
    }

    /** The installed packages with their USE, attached as {@code packages-<machine>}. */
    public Path packages(String classifierId) {
        return base.resolve("stages").resolve("packages-" + classifierId + ".txt");
    }

    /** What changed since the machine's previous stage, attached as {@code changes-<machine>} ({@code .txt}, {@code .json}). */
    public Path changes(String classifierId, String extension) {
        return base.resolve("changes").resolve(classifierId + extension);
    }

    /** The record of the machine's last assembled stage, which the next assembly compares with. */
    public Path stageRecord(String classifierId) {
        return base.resolve("changes").resolve(classifierId + ".record.json");
    }

    /** The binpkg instance each installed package came from ({@code cat/pf::repo sha256:…}), for zentoo.lock. */
    public Path instances(String classifierId) {
        return base.resolve("stages").resolve("instances-" + classifierId + ".txt");
    }

    /** The kernel tarball, attached as {@code kernel-<machine>}. */
    public Path kernel(String classifierId, String extension) {
        return base.resolve("kernels").resolve("kernel-" + classifierId + extension);
    }

    /** What zentoo:plan (and the plan at the start of zentoo:build) found, for every planned machine. */
    public Path plan() {
        return base.resolve("plan.json");
    }

    /** explain's JSON report of a machine ({@code -Dzentoo.explain.format=json}). */
    public Path explainReport(String machineId) {
        return base.resolve("explain").resolve(machineId.replace('/', '-') + ".json");
    }

    /** Bug reports of failed builds: {@code <machine>/<cat>/<pf>/} and their {@code bugreport-*.tar.gz}. */
    public Path bugReports() {
        return base.resolve("bugreports");
    }

    /** A machine's bug report directories, one {@code <cat>/<pf>/} per failed package. */
    public Path bugReports(String classifierId) {
        return bugReports().resolve(classifierId);
    }

    /** Where zentoo:reproduce keeps what its container wrote, per report. */
    public Path reproductions() {
        return base.resolve("reproduce");
    }

    /**
     * Which runs of this checkout have staged files on the binhost: one {@code <run>.properties}
     * each, kept until the run removed its staging collection, so a killed run's is found.
     */
    public Path stagingClaims() {
        return base.resolve("staging");
    }

    /** JUnit XML of tested machines. */
    public Path reports() {
        return base.resolve("test-reports");
    }

    /** A machine's JUnit XML, as Surefire names its files: {@code TEST-<machine>.xml}. */
    public Path testReport(String classifierId) {
        return reports().resolve("TEST-" + classifierId + ".xml");
    }

    /** The machine's configuration root, relative to target/zentoo. Its etc/portage is mounted at /etc/portage. */
    public static String root(String machineId) {
        return MACHINES + "/" + machineId;
    }

    public static String portage(String machineId) {
        return root(machineId) + "/etc/portage";
    }

    public static String assembly(String machineId) {
        return ASSEMBLY + "/" + machineId;
    }

    public static String tests(String machineId) {
        return TESTS + "/" + machineId;
    }

    /** {@code 03-zentoo-base}: stack position first so that Portage's name order is the stack order. */
    public static String numbered(int position, int stackSize, String setId) {
        int width = Math.max(2, String.valueOf(stackSize).length());
        return String.format("%0" + width + "d-%s", position, setId.replace('/', '-'));
    }
}
