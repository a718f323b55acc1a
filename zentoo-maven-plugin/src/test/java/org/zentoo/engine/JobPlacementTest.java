package org.zentoo.engine;

import org.junit.jupiter.api.Test;
import org.zentoo.machine.Platform;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobPlacementTest {

    @Test
    void theArchitectureIsSaidAsSwarmNodesReportIt() {
        // docker node inspect -f '{{.Description.Platform.Architecture}}' prints uname -m.
        assertEquals(List.of("node.platform.arch==x86_64"), JobPlacement.constraints(Platform.AMD64, null));
        assertEquals(List.of("node.platform.arch==aarch64"), JobPlacement.constraints(Platform.ARM64, ""));
        assertEquals(List.of(), JobPlacement.constraints(null, " "));
    }

    @Test
    void theUsersConstraintsFollowCommaSeparated() {
        assertEquals(List.of("node.platform.arch==aarch64", "node.labels.zentoo==builder", "node.role!=manager"),
                JobPlacement.constraints(Platform.ARM64, " node.labels.zentoo==builder , node.role!=manager,"));
    }

    @Test
    void aConstraintWithoutAnOperatorIsRefusedWithTheFix() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> JobPlacement.constraints(Platform.AMD64, "node.labels.zentoo=builder"));
        assertTrue(e.getMessage().contains("\"node.labels.zentoo=builder\"") && e.getMessage().contains("ATTRIBUTE==VALUE"),
                e.getMessage());
    }
}
