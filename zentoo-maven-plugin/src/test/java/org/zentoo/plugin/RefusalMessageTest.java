package org.zentoo.plugin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.config.ConfigException;
import org.zentoo.pipeline.MachinePlan;
import org.zentoo.pipeline.Refusals;
import org.zentoo.site.Site;
import org.zentoo.step.PlanReport;
import org.zentoo.step.PortageRefusal;
import org.zentoo.testing.SiteFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plan refusal in the site's words: plan.py's output as the test stage printed it
 * (Portage 3.0.83, a rendered config of the same stacks as below), read against the
 * site's config/ by {@link ConfigSiteUse}.
 */
class RefusalMessageTest {

    @TempDir
    Path root;

    private ConfigSiteUse site() throws ConfigException {
        SiteFiles s = new SiteFiles(root)
                .file("sets/fixture/packages", "app-misc/world")
                .file("sets/typo/packages", "# the fixture has app-misc/hello", "app-misc/helo")
                .file("sets/retired/package.mask", "# world is retired on this site", "app-misc/world")
                .file("sets/hello/packages", "app-misc/hello")
                .file("sets/scratch/packages", "app-misc/needy")
                .machine("typo", "fixture", "typo")
                .machine("web", "hello")
                .machine("needy", "scratch")
                .machine("masked", "fixture", "retired");
        return new ConfigSiteUse(Site.load(s.config()));
    }

    private static MachinePlan plan(String machine, String capture) throws IOException {
        PlanReport report = new PlanReport();
        try (InputStream in = RefusalMessageTest.class.getResourceAsStream("/org/zentoo/pipeline/" + capture)) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(report);
        }
        return new MachinePlan(machine, "p1", report);
    }

    @Test
    void aMisspelledAtomNamesItsSetLinePortagesLineAndEmergesSuggestions() throws Exception {
        assertEquals(List.of("app-misc/helo (asked for by config/sets/typo/packages:2): no package of that name is in"
                        + " the machine's repositories; maybe you meant any of these: app-misc/hello, app-misc/clock,"
                        + " app-misc/choosy? Correct the atom, or add the repository that has it (repos.conf in a set)."
                        + "\n    Portage: emerge: there are no ebuilds to satisfy \"app-misc/helo\"."
                        + "\n    Portage: (dependency required by \"@zentoo\" [set])"),
                plan("typo", "plan-typo.txt").refusals(site()));
    }

    @Test
    void aMaskNamesTheMaskLineAndTheSetLineThatAskedForThePackage() throws Exception {
        assertEquals(List.of("app-misc/world (asked for by config/sets/fixture/packages:1): every version is masked;"
                        + " app-misc/world-1.0 by package.mask at config/sets/retired/package.mask:2"
                        + " (\"world is retired on this site\"). Unmask it (package.unmask in a set) or remove it from"
                        + " the machine's packages."
                        + "\n    Portage: !!! All ebuilds that could satisfy \"app-misc/world\" have been masked."
                        + "\n    Portage: !!! One of the following masked packages is required to complete your request:"
                        + "\n    Portage: - app-misc/world-1.0::zentoo-test (masked by: package.mask)"
                        + "\n    Portage: /etc/portage/package.mask/02-retired:"
                        + "\n    Portage: # world is retired on this site"
                        + "\n    Portage: (dependency required by \"@zentoo\" [set])"),
                plan("masked", "plan-masked.txt").refusals(site()));
    }

    private static PortageRefusal emerge(String capture) throws IOException {
        PortageRefusal portage = new PortageRefusal();
        try (InputStream in = RefusalMessageTest.class.getResourceAsStream("/org/zentoo/step/refusals/" + capture)) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(portage);
        }
        return portage;
    }

    @Test
    void anAssemblyWithoutTheBinpkgNamesTheSetLinePortagesLineAndTheLog() throws Exception {
        Refusals words = new Refusals("web", site());
        assertEquals("[web] Portage refuses this machine's @world (nothing was installed):"
                        + "\n  app-misc/hello (asked for by config/sets/hello/packages:1): no binpkg in the partition can"
                        + " satisfy it. Run zentoo:build first, or check that the machine's config did not change since"
                        + " the build."
                        + "\n    Portage: emerge: there are no binary packages to satisfy \"app-misc/hello\"."
                        + "\n    Portage: (dependency required by \"@zentoo\" [set])"
                        + "\n  Portage's whole output: /site/target/zentoo/logs/web-assemble.log",
                words.failure("nothing was installed", words.lines(emerge("usepkgonly.txt"), p -> null),
                        Path.of("/site/target/zentoo/logs/web-assemble.log")).getMessage());
    }

    @Test
    void aMissingDependencyNamesThePackageOfWorldThatPulledItInAndItsSetLine() throws Exception {
        List<String> lines = new Refusals("needy", site()).lines(emerge("dependency.txt"), p -> null);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("app-misc/nothere (pulled into @world by app-misc/needy-1.0::scratch at"
                + " config/sets/scratch/packages:1): no package in the machine's repositories matches it."), lines::toString);
    }

    @Test
    void aPackageOfWorldPulledInByAnotherNamesThatOnesSetLine() throws Exception {
        assertEquals(List.of("config/sets/fixture/packages:1"), site().worldLines("masked", "app-misc/world-1.0::zentoo-test"));
        assertEquals(List.of(), site().worldLines("masked", "app-misc/hello"));
        assertEquals("config/sets/retired/package.mask", site().renderedLine("masked", "/etc/portage/package.mask/02-retired", 0));
        assertEquals(null, site().renderedLine("masked", "/var/db/repos/gentoo/profiles/package.mask", 3));
    }
}
