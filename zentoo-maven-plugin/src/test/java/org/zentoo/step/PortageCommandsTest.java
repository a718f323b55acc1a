package org.zentoo.step;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortageCommandsTest {

    @Test
    void bothStepsRespectUseOfBinpkgs() {
        // --usepkgonly turns --binpkg-respect-use off unless it is given: the known pitfall.
        assertTrue(PortageCommands.BUILD.contains("--binpkg-respect-use=y"));
        assertTrue(PortageCommands.ASSEMBLE.contains("--binpkg-respect-use=y"));
    }

    @Test
    void assemblyInstallsFromBinpkgsOnlyAndBuildStoresThem() {
        assertTrue(PortageCommands.ASSEMBLE.contains("--usepkgonly"));
        assertFalse(PortageCommands.ASSEMBLE.contains("--buildpkg"));
        assertTrue(PortageCommands.BUILD.containsAll(java.util.List.of("--usepkg", "--buildpkg", "--with-bdeps=y",
                "--update", "--deep", "--newuse")));
        assertEquals("@world", PortageCommands.BUILD.get(PortageCommands.BUILD.size() - 1));
        assertEquals("@world", PortageCommands.ASSEMBLE.get(PortageCommands.ASSEMBLE.size() - 1));
    }

    @Test
    void containersSwitchOffEveryNamespaceSandbox() {
        for (String f : new String[] {"sandbox", "usersandbox", "ipc-sandbox", "network-sandbox", "pid-sandbox"}) {
            assertTrue((" " + PortageCommands.CONTAINER_FEATURES + " ").contains(" -" + f + " "), f);
        }
    }
}
