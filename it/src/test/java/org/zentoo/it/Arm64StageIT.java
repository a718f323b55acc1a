package org.zentoo.it;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The arm64 test stage (build-stage.sh --arch arm64) is what foreign-platform tests
 * take it for: labelled with its platform (Docker records the host's Architecture for
 * it), its binaries AArch64 and run by the host's binfmt handler, its Portage on the
 * fixture's arm64 profile, every package an arm64 machine builds keyworded for it,
 * and its compiler the same gcc version as the host's cross compiler, which the cross
 * distcc workers run. Oracles outside the stage: the host's {@code file} and
 * {@code aarch64-linux-gnu-gcc}.
 */
class Arm64StageIT {

    private static final String LABEL = "org.zentoo.site=zentoo-it-arm64-stage";

    @Test
    void theArm64StageIsAnArm64GentooStageForPortage() throws Exception {
        String image = TestStage.arm64Image();
        Map<String, String> labels = DockerCli.inspect(DockerCli.Kind.IMAGE, image)
                .orElseThrow(() -> new AssertionError(image + " is not on the daemon: run it/stage/build-stage.sh "
                        + "--arch arm64"));
        assertEquals("linux/arm64", labels.get("org.zentoo.platform"), labels.toString());

        List<String> out = run(image, "uname -m; "
                + "portageq envvar ARCH CHOST ACCEPT_KEYWORDS; "
                + "aarch64-unknown-linux-gnu-gcc -dumpmachine; aarch64-unknown-linux-gnu-gcc -dumpfullversion; "
                + "readlink /etc/portage/make.profile; "
                + "emerge -p --nodeps app-misc/hello app-misc/world app-misc/many-units sys-kernel/zentoo-test-kernel "
                + "sys-devel/distcc sys-apps/systemd | grep -c '^\\[ebuild'; "
                + "ls /usr/share/zentoo-test/distfiles | grep -c '^linux-6.1.0-50-.*-debian.tar.gz$'");
        assertEquals(List.of("aarch64", "arm64", "aarch64-unknown-linux-gnu", "arm64", "aarch64-linux-gnu",
                hostCrossGccVersion(), "../../var/db/repos/zentoo-test/profiles/default/linux/arm64", "6", "2"), out);

        // The host's file(1), not the stage's, says what the stage's Python is.
        List<String> elf = List.of("bash", "-c", "set -o pipefail; docker run --rm --label " + LABEL + " " + image
                + " cat /usr/bin/python3.11 | file -b -");
        String type = exec(elf).strip();
        assertTrue(type.startsWith("ELF 64-bit LSB") && type.contains("ARM aarch64"), type);
    }

    /** The host cross compiler's version: the arm64 distcc workers compile with it. */
    private static String hostCrossGccVersion() throws Exception {
        return exec(List.of("aarch64-linux-gnu-gcc", "-dumpfullversion")).strip();
    }

    private static List<String> run(String image, String script) throws Exception {
        return DockerCli.list("run", "--rm", "--label", LABEL, image, "bash", "-c", "set -eo pipefail; " + script);
    }

    private static String exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " did not end");
        assertEquals(0, p.exitValue(), command + ": " + text);
        return text;
    }
}
