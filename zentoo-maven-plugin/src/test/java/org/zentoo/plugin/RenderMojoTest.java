package org.zentoo.plugin;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RenderMojoTest {

    private static List<String> list(String csv) {
        RenderMojo mojo = new RenderMojo();
        mojo.machines = csv;
        return mojo.machineList();
    }

    @Test
    void machineListIsCommaSeparatedAndEmptyMeansDefault() {
        assertEquals(List.of(), list(null));
        assertEquals(List.of(), list(" "));
        assertEquals(List.of("web01", "zentoo/minimal"), list(" web01, zentoo/minimal ,"));
    }
}
