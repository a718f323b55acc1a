package org.zentoo.distcc;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompilerVersionTest {

    @Test
    void theVersionIsWhatFollowsTheVendorsParenthesis() {
        assertEquals("12.2.0", new CompilerVersion("GCC: (Debian 12.2.0-14) 12.2.0").version());
        assertEquals("13.2.1 20240113",
                new CompilerVersion("GCC: (Gentoo 13.2.1_p20240113-r1 p12) 13.2.1 20240113").version());
        assertEquals("12.2.0", new CompilerVersion("GCC: (Debian (cross) 12.2.0-14) 12.2.0").version());
    }

    @Test
    void debiansCrossCompilerAndItsNativeGccOfOneReleaseMatch() {
        // Debian rebuilt its native gcc-12 (+deb12u1) but not the cross one: the same release.
        assertEquals(Optional.empty(), CompilerVersion.refusal("arm01", "aarch64-unknown-linux-gnu-gcc",
                new CompilerVersion("GCC: (Debian 12.2.0-14+deb12u1) 12.2.0"), "w1",
                new CompilerVersion("GCC: (Debian 12.2.0-14) 12.2.0")));
    }

    @Test
    void aMismatchIsRefusedNamingBothVersions() {
        String why = CompilerVersion.refusal("arm01", "aarch64-unknown-linux-gnu-gcc",
                new CompilerVersion("GCC: (Debian 12.2.0-14) 12.2.0"), "zentoo-distcc-r-arm01-w1",
                new CompilerVersion("GCC: (Debian 13.2.0-25) 13.2.0")).orElseThrow();
        assertEquals("distcc worker zentoo-distcc-r-arm01-w1 compiles aarch64-unknown-linux-gnu-gcc with gcc 13.2.0"
                + " (GCC: (Debian 13.2.0-25) 13.2.0), but the build of arm01 has gcc 12.2.0 (GCC: (Debian 12.2.0-14)"
                + " 12.2.0): its objects would not be those the build compiles itself, so Zentoo refuses the workers."
                + " Give the worker image the build's gcc version (for a machine of another architecture: crossdev"
                + " --gcc 12.2.0 -t CHOST in the native worker image, see docs/scaling.md), or build without workers:"
                + " -Dzentoo.distcc.workers=0", why);
    }

    @Test
    void aWorkerWhoseObjectSaysNothingIsRefused() {
        String why = CompilerVersion.refusal("m", "gcc", new CompilerVersion("GCC: (Debian 12.2.0-14) 12.2.0"), "w2",
                new CompilerVersion("")).orElseThrow();
        assertTrue(why.contains("with gcc (no .comment in its object: unknown)"), why);
    }
}
