package org.zentoo.step;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** plan.py's records, as the helper writes them in the test stage (lines taken from a real run). */
class PlanReportTest {

    private static PlanReport read(String... lines) {
        PlanReport report = new PlanReport();
        for (String line : lines) {
            report.accept(line);
        }
        return report;
    }

    @Test
    void readsCompilesReusesAndProfileFlagsAndIgnoresEmergeOutput() {
        PlanReport r = read(
                "[emerge] [ebuild  N     ] app-misc/hello-1.0::zentoo-test  USE=\"(colour) (-greeting)\" L10N=\"de -fr\" 1 KiB",
                "[zentoo-plan]\tpkg\tcompile\tapp-misc/hello-1.0\tzentoo-test\tcolour l10n_de\tother-use\t+l10n_de",
                "[zentoo-plan]\tflag\tapp-misc/hello-1.0\tmasked\tgreeting\tprofiles/x/use.mask:1",
                "[zentoo-plan]\tflag\tapp-misc/hello-1.0\tforced\tcolour\tprofiles/x/package.use.force:1",
                "[zentoo-plan]\tpkg\tcompile\tapp-misc/choosy-1.0\tzentoo-test\tb\tno-binpkg\tno binpkg of app-misc/choosy in the partition",
                "[zentoo-plan]\tpkg\treuse\tapp-misc/world-1.0\tzentoo-test\t\tbinpkg\ta binpkg with this USE");
        assertEquals(List.of(
                new PlanReport.Planned(true, "app-misc/hello-1.0", "zentoo-test", List.of("colour", "l10n_de"),
                        PlanReport.Reason.OTHER_USE, "+l10n_de"),
                new PlanReport.Planned(true, "app-misc/choosy-1.0", "zentoo-test", List.of("b"),
                        PlanReport.Reason.NO_BINPKG, "no binpkg of app-misc/choosy in the partition")), r.compiled());
        assertEquals(List.of(new PlanReport.Planned(false, "app-misc/world-1.0", "zentoo-test", List.of(),
                PlanReport.Reason.BINPKG, "a binpkg with this USE")), r.reused());
        assertEquals(List.of(
                new PlanReport.ProfileFlag("app-misc/hello-1.0", "greeting", true, "profiles/x/use.mask:1"),
                new PlanReport.ProfileFlag("app-misc/hello-1.0", "colour", false, "profiles/x/package.use.force:1")),
                r.profileFlags());
        assertFalse(r.refused());
    }

    @Test
    void readsRefusals() {
        PlanReport r = read(
                "[zentoo-plan]\trequired\tapp-misc/choosy-1.0\t^^ ( a b )\t^^ ( a b )\ta b",
                "[zentoo-plan]\tmask\tapp-misc/world\tapp-misc/world-1.0\tpackage.mask\tconfig/sets/y/package.mask:2\tretired");
        assertEquals(List.of(new PlanReport.RequiredUse("app-misc/choosy-1.0", "^^ ( a b )", "^^ ( a b )",
                List.of("a", "b"))), r.requiredUse());
        assertEquals("app-misc/choosy", r.requiredUse().get(0).cp());
        assertEquals(List.of(new PlanReport.Masked("app-misc/world", "app-misc/world-1.0", "package.mask",
                "config/sets/y/package.mask:2", "retired")), r.masked());
        assertTrue(r.refused());
        assertTrue(read("[zentoo-plan]\tfailed\t1\tno idea").refused());
    }

    @Test
    void packageNamesDropTheVersionOnly() {
        assertEquals("app-misc/hello", PlanReport.cp("app-misc/hello-1.0"));
        assertEquals("dev-libs/libfoo-2", PlanReport.cp("dev-libs/libfoo-2-3.1_p2-r1"));
        assertEquals("x11-libs/gtk+", PlanReport.cp("x11-libs/gtk+-3.24.41"));
    }

    @Test
    void anUnknownRecordIsABugNotSilence() {
        assertThrows(IllegalArgumentException.class, () -> read("[zentoo-plan]\tsurprise\tx"));
    }
}
