package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.pipeline.SitePipeline;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Tests each selected machine's stage3 before it is installed or deployed: the
 * packed tarball itself is imported as an image and started without network to
 * run Zentoo's built-in checks (every file of /var/db/pkg's CONTENTS with its md5,
 * every ELF file's libraries, the machine's services, packages.txt) and the
 * site's stacked {@code tests/} scripts; a machine with a kernel is booted too.
 * Results go to {@code target/zentoo/test-reports/TEST-<machine>.xml} (JUnit XML,
 * as Surefire writes it). A failed test fails the build, so the machine's
 * artifacts never reach install or deploy. Unchanged stages and tests are not
 * tested again: the kept results are reported.
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class TestMojo extends AbstractPipelineMojo {

    /** Skips zentoo:test alone. @since 0.1 */
    @Parameter(property = "zentoo.test.skip", defaultValue = "false")
    private boolean testSkip;

    /** Maven's switch to skip tests (Surefire and Failsafe honour it); zentoo:test does too. */
    @Parameter(property = "skipTests", defaultValue = "false")
    private boolean skipTests;

    /** Maven's switch to skip integration tests (Failsafe's); zentoo:test runs in integration-test, so it honours it. */
    @Parameter(property = "skipITs", defaultValue = "false")
    private boolean skipITs;

    /** Maven's switch to skip compiling and running tests; zentoo:test honours it. */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    private boolean mavenTestSkip;

    /** Machines to test, comma-separated; empty means those of {@code zentoo.machines}. */
    @Parameter(property = "zentoo.test.machines")
    private String testMachines;

    /**
     * Boots machines that have a kernel (KERNEL set): their kernel artifact with their
     * stage as the root, in {@code qemu-system-x86_64} on this host (KVM when it
     * works, else TCG), running the built-in boot checks and the stacked
     * {@code tests/boot/} scripts. A host without QEMU is an error while this is on;
     * false tests the stage in a container only and lists the boot as skipped.
     */
    @Parameter(property = "zentoo.test.boot", defaultValue = "true")
    private boolean boot;

    /** Seconds a boot may take, from QEMU's start to its power-off; sized for TCG. */
    @Parameter(property = "zentoo.test.bootTimeout", defaultValue = "300")
    private int bootTimeout;

    @Override
    protected String goal() {
        return "test";
    }

    @Override
    protected String goalSkipReason() {
        if (testSkip) {
            return "zentoo.test.skip=true";
        }
        if (skipTests) {
            return "skipTests=true";
        }
        if (skipITs) {
            return "skipITs=true";
        }
        return mavenTestSkip ? "maven.test.skip=true" : null;
    }

    @Override
    protected List<String> machineList() {
        if (testMachines == null || testMachines.isBlank()) {
            return super.machineList();
        }
        return Arrays.stream(testMachines.split(",")).map(String::strip).filter(id -> !id.isEmpty()).toList();
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        SitePipeline.Testing testing = new SitePipeline.Testing(boot, Duration.ofSeconds(bootTimeout));
        runPipeline((pipeline, machines) -> pipeline.test(machines, testing));
    }
}
