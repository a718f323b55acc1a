package org.zentoo.pipeline;

import org.junit.jupiter.api.Test;
import org.zentoo.step.PlanReport;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The site summary counts a compile once per (partition, package, USE); messages name both sides. */
class PlanSummaryTest {

    private static MachinePlan plan(String machine, String partition, String... records) {
        PlanReport report = new PlanReport();
        for (String r : records) {
            report.accept("[zentoo-plan]\t" + r);
        }
        return new MachinePlan(machine, partition, report);
    }

    private static final String HELLO_GREETING = "pkg\tcompile\tapp-misc/hello-1.0\tzentoo-test\tcolour greeting\tno-binpkg\t";
    private static final String HELLO = "pkg\tcompile\tapp-misc/hello-1.0\tzentoo-test\tcolour\tno-binpkg\t";
    private static final String WORLD = "pkg\tcompile\tapp-misc/world-1.0\tzentoo-test\t\tno-binpkg\t";

    @Test
    void uniqueCompilesCountPackageUseAndPartitionOnce() {
        SitePlan site = new SitePlan(List.of(
                plan("web01", "p1", HELLO_GREETING, WORLD),
                plan("web02", "p1", HELLO, WORLD),
                plan("web03", "p1", HELLO, WORLD),
                plan("alt01", "p2", HELLO, WORLD)));
        assertEquals(5, site.uniqueCompiles());
        assertEquals(8, site.compilesOverMachines());
        assertEquals(Map.of("p1", List.of("web01", "web02", "web03"), "p2", List.of("alt01")), site.partitions());
        assertEquals(List.of("Site plan: 5 unique compiles (8 summed over 4 machines)",
                "  partition p1: web01, web02, web03 -- 3 unique compiles",
                "  partition p2: alt01 -- 2 unique compiles"), site.summary());
    }

    @Test
    void aStoreWithEverythingPlansNothing() {
        SitePlan site = new SitePlan(List.of(plan("web01", "p1",
                "pkg\treuse\tapp-misc/hello-1.0\tzentoo-test\tcolour\tbinpkg\ta binpkg with this USE")));
        assertEquals(0, site.uniqueCompiles());
        assertEquals(List.of("plan: 0 to compile, 1 reused", "  reuse   app-misc/hello-1.0 USE=\"colour\""),
                site.machines().get(0).lines());
        assertEquals("{\n  \"uniqueCompiles\": 0,\n  \"compilesOverMachines\": 0,\n  \"partitions\": {\n"
                + "    \"p1\": [\"web01\"]\n  },\n  \"machines\": [\n"
                + "    {\"machine\": \"web01\", \"partition\": \"p1\", \"platform\": \"linux/amd64\",\n     \"compile\": [],\n"
                + "     \"reuse\": [{\"package\": \"app-misc/hello-1.0\", \"repository\": \"zentoo-test\", \"use\": [\"colour\"],"
                + " \"reason\": \"binpkg\", \"detail\": \"a binpkg with this USE\"}],\n"
                + "     \"profileFlags\": [],\n     \"refusals\": []}\n  ]\n}\n", site.json());
    }

    @Test
    void compileLinesGiveTheReason() {
        MachinePlan p = plan("web02", "p1", "pkg\tcompile\tapp-misc/hello-1.0\tzentoo-test\tcolour\tother-use\t-greeting",
                "pkg\tcompile\tapp-misc/world-2.0\tzentoo-test\t\tnewer-version\tthe snapshot has 2.0, the partition only up to 1.0");
        assertEquals(List.of("plan: 2 to compile, 0 reused",
                "  compile app-misc/hello-1.0 USE=\"colour\": only binpkgs with other USE (-greeting)",
                "  compile app-misc/world-2.0 USE=\"\": a newer version in the snapshot"
                        + " (the snapshot has 2.0, the partition only up to 1.0)"), p.lines());
    }

    @Test
    void aSiteLineAgainstAProfileMaskOrForceNamesBoth() {
        MachinePlan p = plan("web01", "p1", HELLO,
                "flag\tapp-misc/hello-1.0\tmasked\tgreeting\tprofiles/a/package.use.mask:3",
                "flag\tapp-misc/hello-1.0\tforced\tcolour\tprofiles/a/use.force:1",
                "flag\tapp-misc/hello-1.0\tmasked\tl10n_fr\tprofiles/a/use.mask:2");
        SiteUse site = (machine, cp, flag) -> switch (flag) {
            case "greeting" -> new SiteUse.Decided(true, "config/sets/g/package.use:1");
            case "colour" -> new SiteUse.Decided(false, "config/sets/g/make.conf:4");
            case "l10n_fr" -> new SiteUse.Decided(false, "config/sets/g/make.conf:5");
            default -> null;
        };
        assertEquals(List.of(
                "config/sets/g/package.use:1 turns greeting on for app-misc/hello, but the profile masks it"
                        + " (profiles/a/package.use.mask:3): Portage builds app-misc/hello-1.0 with greeting off."
                        + " Remove the set line, or choose a profile that allows it.",
                "config/sets/g/make.conf:4 turns colour off for app-misc/hello, but the profile forces it"
                        + " (profiles/a/use.force:1): Portage builds app-misc/hello-1.0 with colour on."
                        + " Remove the set line, or choose a profile that allows it."), p.profileConflicts(site));
        assertEquals(List.of(), p.profileConflicts(SiteUse.NONE));
    }

    @Test
    void refusalsNameThePackageTheConstraintAndTheSetLines() {
        MachinePlan p = plan("choosy", "p1", "required\tapp-misc/choosy-1.0\t^^ ( a b )\t^^ ( a b )\ta b",
                "mask\tapp-misc/world\tapp-misc/world-1.0\tpackage.mask\tconfig/sets/r/package.mask:2\tretired");
        SiteUse site = (machine, cp, flag) -> flag.equals("b") ? new SiteUse.Decided(true, "config/sets/c/package.use:2") : null;
        assertEquals(List.of("app-misc/choosy-1.0: REQUIRED_USE \"^^ ( a b )\" is not met; the machine gives it"
                        + " a on (no set line: the profile or the ebuild's IUSE default),"
                        + " b on by config/sets/c/package.use:2. Change those set lines so that the constraint holds.",
                "app-misc/world: every version is masked; app-misc/world-1.0 by package.mask at"
                        + " config/sets/r/package.mask:2 (\"retired\"). Unmask it (package.unmask in a set) or remove"
                        + " it from the machine's packages."), p.refusals(site));
    }
}
