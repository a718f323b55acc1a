package org.zentoo.step;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.report.TestCase;
import org.zentoo.report.TestRunOutput;
import org.zentoo.testing.Strict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * stage-checks.py, run by the host's python3 on a small stage tree ({@code --root}):
 * each check passes on an intact tree and names the file when one is broken. The
 * ELF check reads the host's own /bin/true and glibc, copied into the tree.
 */
class StageChecksScriptTest {

    @TempDir
    Path dir;
    Path root;

    @BeforeEach
    void stage() throws Exception {
        root = dir.resolve("root");
        write("usr/bin/hello", "hello\n");
        write("etc/hello.conf", "colour=yes\n");
        write("etc/init.d/hello-world", "#!/sbin/openrc-run\n");
        root.resolve("etc/init.d/hello-world").toFile().setExecutable(true);
        Files.createDirectories(root.resolve("etc/runlevels/default"));
        Files.createSymbolicLink(root.resolve("etc/runlevels/default/hello-world"), Path.of("/etc/init.d/hello-world"));
        Path vdb = root.resolve("var/db/pkg/app-misc/hello-1.0");
        write("var/db/pkg/app-misc/hello-1.0/CONTENTS", "dir /usr\ndir /usr/bin\n"
                + "obj /usr/bin/hello " + md5("hello\n") + " 1767225600\n"
                + "obj /etc/hello.conf " + md5("colour=no\n") + " 1767225600\n");
        write("var/db/pkg/app-misc/hello-1.0/PF", "hello-1.0\n");
        write("var/db/pkg/app-misc/hello-1.0/IUSE", "+colour greeting\n");
        write("var/db/pkg/app-misc/hello-1.0/USE", "colour amd64\n");
        write("var/db/pkg/app-misc/hello-1.0/repository", "zentoo-test\n");
        assertTrue(Files.isDirectory(vdb));
        write("var/lib/zentoo/packages.txt", "app-misc/hello-1.0::zentoo-test USE=\"colour -greeting\"\n");
        write("../services", "# Services\nhello-world # config/sets/web/services:1\n");
        write("../overlay.list", "/etc/hello.conf\n");
    }

    @Test
    void anIntactStagePassesAndAnOverlayMayChangeProtectedFiles() throws Exception {
        Map<String, TestCase> checks = run();
        checks.values().forEach(c -> assertEquals(TestCase.Status.PASSED, c.status(), c.name() + ": " + c.output()));
        assertTrue(checks.get("contents").output().get(0).contains("1 changed on purpose by the overlay"),
                checks.get("contents").output().toString());
        assertEquals(List.of("hello-world: in runlevel default"), checks.get("services").output());
    }

    @Test
    void eachCheckNamesWhatIsBroken() throws Exception {
        write("usr/bin/hello", "tampered\n");
        write("../overlay.list", "");
        Files.delete(root.resolve("etc/runlevels/default/hello-world"));
        write("var/lib/zentoo/packages.txt", "app-misc/hello-1.0::zentoo-test USE=\"-colour -greeting\"\n");
        Map<String, TestCase> checks = run();
        TestCase contents = checks.get("contents");
        assertEquals(TestCase.Status.FAILED, contents.status());
        assertEquals("/usr/bin/hello (app-misc/hello-1.0): md5 differs: recorded " + md5("hello\n") + ", found "
                + md5("tampered\n"), contents.output().get(0));
        assertTrue(contents.output().get(1).startsWith("/etc/hello.conf (app-misc/hello-1.0): md5 differs"),
                "outside the overlay, a changed config file is a problem too: " + contents.output());
        assertEquals("2 problems, the first: " + contents.output().get(0), contents.message());
        assertEquals(TestCase.Status.FAILED, checks.get("services").status());
        assertTrue(checks.get("services").message().contains("hello-world: not in runlevel default"));
        assertTrue(checks.get("packages").message().contains(
                "app-misc/hello-1.0::zentoo-test: packages.txt says app-misc/hello-1.0::zentoo-test"
                        + " USE=\"-colour -greeting\", /var/db/pkg says app-misc/hello-1.0::zentoo-test"
                        + " USE=\"colour -greeting\""), checks.get("packages").message());
    }

    @Test
    void onSystemdAServiceIsEnabledByItsWantsLink() throws Exception {
        write("usr/lib/systemd/systemd", "#!/bin/sh\n");
        root.resolve("usr/lib/systemd/systemd").toFile().setExecutable(true);
        write("usr/lib/systemd/system/hello-world.service", "[Install]\nWantedBy=multi-user.target\n");
        TestCase services = run().get("services");
        assertEquals("1 problem: hello-world: hello-world.service is not enabled (no link in"
                + " /etc/systemd/system/*.wants)", services.message());
        Files.createDirectories(root.resolve("etc/systemd/system/multi-user.target.wants"));
        Files.createSymbolicLink(root.resolve("etc/systemd/system/multi-user.target.wants/hello-world.service"),
                Path.of("/usr/lib/systemd/system/hello-world.service"));
        services = run().get("services");
        assertEquals(List.of("hello-world: hello-world.service enabled"), services.output());
    }

    @Test
    void elfNeedsAreResolvedInsideTheStage() throws Exception {
        Path loader = Path.of("/lib64/ld-linux-x86-64.so.2");
        Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
        Strict.assume(Files.isRegularFile(Path.of("/bin/true")) && Files.exists(loader) && Files.exists(libc),
                "an x86_64 glibc host (/bin/true, " + loader + ", " + libc + ")");
        Files.createDirectories(root.resolve("usr/bin"));
        Files.copy(Path.of("/bin/true"), root.resolve("usr/bin/true"));
        Files.createDirectories(root.resolve("lib64"));
        Files.copy(loader, root.resolve("lib64/ld-linux-x86-64.so.2"), StandardCopyOption.COPY_ATTRIBUTES);
        TestCase elf = run().get("elf");
        assertEquals(TestCase.Status.FAILED, elf.status());
        assertTrue(elf.message().startsWith("1 problem: /usr/bin/true: needs libc.so.6, which is not in the stage"),
                elf.message());

        Files.createDirectories(root.resolve("usr/lib64"));
        Files.copy(libc, root.resolve("usr/lib64/libc.so.6"));
        elf = run().get("elf");
        assertEquals(TestCase.Status.PASSED, elf.status(), elf.output().toString());

        // A library replaced by something that is not one: the loader could not use it.
        write("usr/lib64/libc.so.6", "not a library\n");
        elf = run().get("elf");
        assertTrue(elf.message().startsWith("1 problem: /usr/bin/true: needs libc.so.6, but /usr/lib64/libc.so.6 is no"
                + " 64-bit ELF library for its machine"), elf.message());
    }

    /**
     * An AArch64 stage, checked as its emulated container would (uname -m = aarch64): the
     * cross toolchain's own glibc (Debian's libc6-arm64-cross, which gcc-aarch64-linux-gnu
     * brings), found through the loader /lib/ld-linux-aarch64.so.1 and lib64; an x86-64
     * program among them is named, as is a library of the wrong machine.
     */
    @Test
    void elfUnderstandsAnAarch64Stage() throws Exception {
        Path cross = Path.of("/usr/aarch64-linux-gnu/lib");
        Strict.assume(Files.isRegularFile(cross.resolve("ld-linux-aarch64.so.1"))
                        && Files.isRegularFile(cross.resolve("libm.so.6")) && Files.isRegularFile(Path.of("/bin/true")),
                "AArch64 glibc in " + cross + " (Debian package libc6-arm64-cross, with gcc-aarch64-linux-gnu)");
        Files.createDirectories(root.resolve("lib"));
        Files.createDirectories(root.resolve("usr/lib64"));
        Files.copy(cross.resolve("ld-linux-aarch64.so.1"), root.resolve("lib/ld-linux-aarch64.so.1"));
        Files.copy(cross.resolve("libc.so.6"), root.resolve("usr/lib64/libc.so.6"));
        Files.copy(cross.resolve("libm.so.6"), root.resolve("usr/lib64/libm.so.6"));
        TestCase elf = run("aarch64").get("elf");
        assertEquals(TestCase.Status.PASSED, elf.status(), elf.output().toString());
        assertTrue(elf.output().get(0).startsWith("3 ELF executables and libraries of AArch64 (e_machine 183, loader"
                + " /lib/ld-linux-aarch64.so.1)"), elf.output().toString());

        // The same tree read as an x86-64 stage: every file is of another machine.
        elf = run("x86_64").get("elf");
        assertTrue(elf.message().startsWith("3 problems, the first: /lib/ld-linux-aarch64.so.1: is a AArch64 file, in a"
                + " x86-64 stage"), elf.message());

        // An x86-64 program in the AArch64 stage.
        Files.createDirectories(root.resolve("usr/bin"));
        Files.copy(Path.of("/bin/true"), root.resolve("usr/bin/true"));
        elf = run("aarch64").get("elf");
        assertEquals("1 problem: /usr/bin/true: is a x86-64 file, in a AArch64 stage", elf.message());
        Files.delete(root.resolve("usr/bin/true"));

        // libm needs libc.so.6: an x86-64 one in its place is no library for it.
        Path hostLibc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
        Strict.assume(Files.exists(hostLibc), "an x86_64 glibc host (" + hostLibc + ")");
        Files.copy(hostLibc, root.resolve("usr/lib64/libc.so.6"), StandardCopyOption.REPLACE_EXISTING);
        elf = run("aarch64").get("elf");
        assertTrue(elf.output().contains("/usr/lib64/libm.so.6: needs libc.so.6, but /usr/lib64/libc.so.6 is no 64-bit"
                + " ELF library for its machine (searched /lib64:/usr/lib64:/lib:/usr/lib)"), elf.output().toString());
    }

    private Map<String, TestCase> run() throws Exception {
        return run("x86_64");
    }

    private Map<String, TestCase> run(String machine) throws Exception {
        Strict.assume(python3(), "python3 (Debian package python3)");
        Path script = dir.resolve(StageTester.CHECKS);
        Files.writeString(script, StageTester.checksScript(), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("python3", script.toString(), "--root", root.toString(), "--services",
                dir.resolve("services").toString(), "--overlay", dir.resolve("overlay.list").toString(),
                "--machine", machine)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<TestCase> cases = TestRunOutput.parse("m", out.lines().toList()).cases();
        assertEquals(StageTester.BUILT_IN_CHECKS, cases.stream().map(TestCase::name).toList());
        return cases.stream().collect(Collectors.toMap(TestCase::name, Function.identity()));
    }

    private void write(String path, String text) throws IOException {
        Path f = root.resolve(path).normalize();
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
    }

    private static String md5(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean python3() {
        try {
            return new ProcessBuilder("python3", "-c", "pass").start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
