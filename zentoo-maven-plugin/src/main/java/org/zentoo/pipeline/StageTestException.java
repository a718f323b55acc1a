package org.zentoo.pipeline;

/** zentoo:test cannot test a machine as asked: the user's build or parameters must change. */
public final class StageTestException extends Exception {

    private StageTestException(String message) {
        super(message);
    }

    /** No stage3 to test: its assembly did not run, failed, or its tarball changed since. */
    static StageTestException noStage(String machine, String why) {
        return new StageTestException("[" + machine + "] no stage3 to test: " + why + ". Run zentoo:assemble first"
                + " (mvn verify runs it in phase package, before zentoo:test in phase integration-test).");
    }

    /** A machine with a kernel, boot on, and no kernel artifact to boot: zentoo:kernel has not packed one. */
    static StageTestException noKernel(String machine, java.nio.file.Path stateFile) {
        return new StageTestException("[" + machine + "] has a kernel (KERNEL is set) and zentoo.test.boot=true asks"
                + " to boot it, but " + stateFile + " records no kernel artifact. Run zentoo:kernel first (mvn verify"
                + " runs it in phase package), or test the stage without booting it: -Dzentoo.test.boot=false.");
    }
}
