package org.zentoo.step;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What emerge is asked to do. Each command line is run as the steps run it, by a real
 * bash ({@code $ZENTOO_EMERGE} unquoted, as assemble.sh runs it), with a stub emerge
 * on PATH that records its argv; the argv is then read the way emerge reads it: the
 * last value of an option wins, and what is not an option is a target.
 */
class PortageCommandsTest {

    @TempDir
    Path dir;

    /** emerge's options as emerge ends up with them, and its targets. */
    record Invocation(Map<String, String> options, List<String> targets) {
        boolean has(String option) {
            return options.containsKey(option);
        }
    }

    private Invocation emerge(List<String> command) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path stub = bin.resolve("emerge");
        Files.writeString(stub, "#!/bin/bash\nprintf '%s\\0' \"$@\" > \"$ZENTOO_ARGV\"\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path argv = dir.resolve("argv");
        Files.deleteIfExists(argv);
        ProcessBuilder bash = new ProcessBuilder("bash", "-euc", "$ZENTOO_EMERGE").redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").toFile());
        bash.environment().put("PATH", bin + ":/usr/bin:/bin");
        bash.environment().put("ZENTOO_EMERGE", PortageCommands.line(command));
        bash.environment().put("ZENTOO_ARGV", argv.toString());
        Process p = bash.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, p.exitValue(), () -> "bash failed: " + dir.resolve("log"));
        List<String> args = new ArrayList<>(Arrays.asList(Files.readString(argv).split("\0")));
        Map<String, String> options = new LinkedHashMap<>();
        List<String> targets = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                options.put(eq < 0 ? arg : arg.substring(0, eq), eq < 0 ? "" : arg.substring(eq + 1));
            } else {
                targets.add(arg);
            }
        }
        return new Invocation(options, targets);
    }

    @Test
    void theBuildUpdatesWorldFromAndIntoBinpkgsRespectingUse() throws Exception {
        Invocation build = emerge(PortageCommands.BUILD);

        assertEquals(List.of("@world"), build.targets());
        for (String option : List.of("--update", "--deep", "--newuse", "--usepkg", "--buildpkg")) {
            assertTrue(build.has(option), option + " in " + build);
        }
        assertEquals("y", build.options().get("--binpkg-respect-use"), build::toString);
        assertEquals("y", build.options().get("--with-bdeps"), build::toString);
        assertFalse(build.has("--usepkgonly"), build::toString);
        assertFalse(build.has("--pretend") || build.has("--ask"), build::toString);
    }

    @Test
    void assemblyInstallsWorldFromBinpkgsAloneRespectingUse() throws Exception {
        Invocation assemble = emerge(PortageCommands.ASSEMBLE);

        assertEquals(List.of("@world"), assemble.targets());
        assertTrue(assemble.has("--usepkgonly"), assemble::toString);
        // --usepkgonly turns --binpkg-respect-use off unless it is given: the known pitfall.
        assertEquals("y", assemble.options().get("--binpkg-respect-use"), assemble::toString);
        assertFalse(assemble.has("--buildpkg"), assemble::toString);
        assertFalse(assemble.has("--pretend") || assemble.has("--ask"), assemble::toString);
    }

    @Test
    void distccIsInstalledOnceWithoutEnteringTheWorldFile() throws Exception {
        Invocation distcc = emerge(PortageCommands.DISTCC);

        assertEquals(List.of("sys-devel/distcc"), distcc.targets());
        assertTrue(distcc.has("--oneshot"), distcc::toString);
        assertEquals("y", distcc.options().get("--binpkg-respect-use"), distcc::toString);
    }

    /**
     * FEATURES is incremental: on top of every sandbox Portage's defaults turn on, the
     * containers' FEATURES must leave none. Applied as Portage documents it for
     * incremental variables: "-*" clears, "-x" removes x, "x" adds it.
     */
    @Test
    void containersSwitchOffEveryNamespaceSandbox() {
        Set<String> features = new LinkedHashSet<>(List.of("sandbox", "usersandbox", "ipc-sandbox",
                "network-sandbox", "pid-sandbox", "mount-sandbox", "buildpkg"));
        for (String token : PortageCommands.CONTAINER_FEATURES.trim().split("\\s+")) {
            if (token.equals("-*")) {
                features.clear();
            } else if (token.startsWith("-")) {
                features.remove(token.substring(1));
            } else {
                features.add(token);
            }
        }
        assertEquals(Set.of("buildpkg"), features, PortageCommands.CONTAINER_FEATURES);
    }
}
