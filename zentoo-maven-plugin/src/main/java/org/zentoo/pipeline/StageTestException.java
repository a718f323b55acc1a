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

    /** A machine with a kernel, boot on, and no boot test in this Zentoo: never skipped in silence. */
    static StageTestException bootUnavailable(String machine, String kernel) {
        return new StageTestException("[" + machine + "] has a kernel (KERNEL=\"" + kernel + "\") and"
                + " zentoo.test.boot=true asks to boot it, but this build of Zentoo has no boot test yet, so its"
                + " stage3 and kernel are not tested. Run with -Dzentoo.test.boot=false to test the stage without"
                + " booting it (the report then lists the boot as skipped).");
    }
}
