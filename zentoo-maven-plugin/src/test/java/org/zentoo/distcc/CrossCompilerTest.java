package org.zentoo.distcc;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossCompilerTest {

    private final CrossCompiler arm64 = new CrossCompiler("aarch64-unknown-linux-gnu");

    @Test
    void aWorkerServesTheNamesTcGetCcAndTcGetCxxGive() {
        assertEquals("aarch64-unknown-linux-gnu-gcc", arm64.cc());
        assertEquals(List.of("aarch64-unknown-linux-gnu-gcc", "aarch64-unknown-linux-gnu-g++"), arm64.served());
    }

    @Test
    void debiansVendorlessCrossCompilerStandsInForTheChostName() {
        assertEquals(List.of("aarch64-unknown-linux-gnu-gcc", "aarch64-linux-gnu-gcc"),
                arm64.candidates("aarch64-unknown-linux-gnu-gcc"));
        assertEquals(List.of("aarch64-unknown-linux-gnu-g++", "aarch64-linux-gnu-g++"),
                arm64.candidates("aarch64-unknown-linux-gnu-g++"));
        // A three-field CHOST has no vendor to drop.
        assertEquals(List.of("riscv64-linux-gnu-gcc"), new CrossCompiler("riscv64-linux-gnu").candidates(
                "riscv64-linux-gnu-gcc"));
    }

    @Test
    void theWorkerLinksEachServedNameAndThenBecomesDistccd() {
        String script = arm64.workerScript(List.of("distccd", "--daemon", "--no-detach"));
        assertTrue(script.contains("serve aarch64-unknown-linux-gnu-gcc aarch64-unknown-linux-gnu-gcc"
                + " aarch64-linux-gnu-gcc || { echo"), script);
        assertTrue(script.contains("crossdev --stable -t aarch64-unknown-linux-gnu"), script);
        assertTrue(script.endsWith("exec distccd --daemon --no-detach\n"), script);
    }

    @Test
    void somethingElseThanAChostIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CrossCompiler("aarch64"));
        assertThrows(IllegalArgumentException.class, () -> new CrossCompiler("aarch64-linux-gnu; rm -rf /"));
    }
}
