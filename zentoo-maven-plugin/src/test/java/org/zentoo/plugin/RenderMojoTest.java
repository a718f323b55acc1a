package org.zentoo.plugin;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RenderMojoTest {

    @Test
    void machineListIsCommaSeparatedAndEmptyMeansDefault() {
        assertEquals(List.of(), RenderMojo.machineList(null));
        assertEquals(List.of(), RenderMojo.machineList(" "));
        assertEquals(List.of("web01", "zentoo/minimal"), RenderMojo.machineList(" web01, zentoo/minimal ,"));
    }
}
