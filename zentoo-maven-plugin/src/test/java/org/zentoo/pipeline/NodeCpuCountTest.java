package org.zentoo.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeCpuCountTest {

    @TempDir
    Path root;

    private String warningFor(String makeConf) throws IOException {
        Files.createDirectories(root.resolve("etc/portage"));
        Files.writeString(root.resolve("etc/portage/make.conf"), makeConf);
        return NodeCpuCount.warning(root);
    }

    @Test
    void aMachineWithMakeoptsBuildsTheSameBytesOnEveryNode() throws IOException {
        assertNull(warningFor("# Rendered by Zentoo\nCFLAGS=\"-O2\"\nMAKEOPTS=\"-j8\"\n"));
        assertNull(warningFor("export MAKEOPTS=\"-j2\"\n"));
    }

    @Test
    void withoutMakeoptsTheNodesCpuCountIsRecorded() throws IOException {
        String warning = warningFor("#   MAKEOPTS from nowhere\nCFLAGS=\"-O2\"\nMY_MAKEOPTS=\"-j2\"\n");
        assertNotNull(warning, "a comment or another variable is no MAKEOPTS");
        assertTrue(warning.contains("Set MAKEOPTS in a set's make.conf"), warning);
        assertNotNull(NodeCpuCount.warning(root.resolve("missing")));
    }
}
