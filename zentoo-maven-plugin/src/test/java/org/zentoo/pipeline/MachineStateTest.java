package org.zentoo.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachineStateTest {

    @TempDir
    Path dir;

    @Test
    void aRecordedStageIsIntactUntilItsContentChanges() throws IOException {
        Path stage = Files.writeString(dir.resolve("stage3-web01.tar.xz"), "stage bytes");
        Path stateFile = dir.resolve("state/web01.properties");
        MachineState.load(stateFile).record("assemble", "in1", "p1", stage);

        assertTrue(MachineState.load(stateFile).unchanged("assemble", "in1"));
        assertFalse(MachineState.load(stateFile).unchanged("assemble", "in2"), "other inputs");

        Files.setLastModifiedTime(stage, FileTime.fromMillis(1_000));
        assertTrue(MachineState.load(stateFile).unchanged("assemble", "in1"), "touched, same content: the hash decides");

        Files.writeString(stage, "other bytes");
        Files.setLastModifiedTime(stage, FileTime.fromMillis(1_000));
        assertFalse(MachineState.load(stateFile).unchanged("assemble", "in1"), "same size, new content, new mtime");

        Files.delete(stage);
        assertFalse(MachineState.load(stateFile).unchanged("assemble", "in1"), "gone");
    }

    @Test
    void aRecordOfAnOlderZentooHoldsOnlyTheHash() throws IOException {
        Path stage = Files.writeString(dir.resolve("stage3-web01.tar.xz"), "stage bytes");
        Path stateFile = dir.resolve("web01.properties");
        Properties old = new Properties();
        old.setProperty("assemble.inputs", "in1");
        old.setProperty("assemble.file." + stage.toAbsolutePath(), org.zentoo.files.Sha256.ofFile(stage));
        try (var out = Files.newOutputStream(stateFile)) {
            old.store(out, null);
        }
        assertTrue(MachineState.load(stateFile).unchanged("assemble", "in1"));
        Files.writeString(stage, "changed");
        assertFalse(MachineState.load(stateFile).unchanged("assemble", "in1"));
    }
}
