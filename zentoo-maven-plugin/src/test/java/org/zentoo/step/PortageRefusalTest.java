package org.zentoo.step;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Portage 3.0.83's own output, captured in the test stage (zentoo/test-stage) with
 * emerge --pretend @world (and --usepkgonly for assembly) against a rendered
 * /etc/portage; the blocker, slot-conflict, dependency and keyword cases add a
 * scratch overlay of a few ebuilds to the fixture repository.
 */
class PortageRefusalTest {

    private static PortageRefusal read(String name, String prefix) throws IOException {
        PortageRefusal refusal = new PortageRefusal();
        try (InputStream in = PortageRefusalTest.class.getResourceAsStream("refusals/" + name + ".txt")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(l -> prefix + l).forEach(refusal);
        }
        return refusal;
    }

    private static PortageRefusal.Problem only(String name) throws IOException {
        List<PortageRefusal.Problem> problems = read(name, "").problems();
        assertEquals(1, problems.size(), () -> name + ": " + problems);
        return problems.get(0);
    }

    @Test
    void aMisspelledAtomOfASetIsOneThatNoEbuildSatisfies() throws IOException {
        PortageRefusal.Problem p = only("typo");
        assertEquals(PortageRefusal.Kind.NO_EBUILDS, p.kind());
        assertEquals("app-misc/helo", p.atom());
        assertEquals(List.of("emerge: there are no ebuilds to satisfy \"app-misc/helo\".",
                "(dependency required by \"@zentoo\" [set])"), p.portage());
        assertEquals(List.of(), p.pulledBy(), "a member of @world itself");
    }

    @Test
    void plansLinesCarryTheHelpersPrefix() throws IOException {
        assertEquals(only("typo"), read("typo", "[emerge] ").problems().get(0));
    }

    @Test
    void aMaskNamesTheFilePortageFoundItInAndTheCommentAboveIt() throws IOException {
        PortageRefusal.Problem p = only("masked");
        assertEquals(PortageRefusal.Kind.MASKED, p.kind());
        assertEquals("app-misc/world", p.atom());
        assertEquals("/etc/portage/package.mask/02-retired", p.maskFile());
        assertTrue(p.portage().contains("- app-misc/world-1.0::zentoo-test (masked by: package.mask)"), p::toString);
        assertTrue(p.portage().contains("# world is retired on this site"), p::toString);
        assertFalse(p.portage().stream().anyMatch(l -> l.startsWith("# From ")), "Zentoo's own header is not Portage's word");
    }

    @Test
    void aKeywordMaskHasNoFile() throws IOException {
        PortageRefusal.Problem p = only("keyword");
        assertEquals(PortageRefusal.Kind.MASKED, p.kind());
        assertEquals("", p.maskFile());
        assertTrue(p.portage().contains("- app-misc/kw-1.0::scratch (masked by: ~amd64 keyword)"), p::toString);
    }

    @Test
    void requiredUseKeepsTheUnsatisfiedConstraint() throws IOException {
        PortageRefusal.Problem p = only("required-use");
        assertEquals(PortageRefusal.Kind.REQUIRED_USE, p.kind());
        assertEquals("app-misc/choosy", p.atom());
        assertTrue(p.portage().contains("- app-misc/choosy-1.0::zentoo-test USE=\"a b\""), p::toString);
        assertTrue(p.portage().contains("exactly-one-of ( a b )"), p::toString);
    }

    @Test
    void aMissingDependencyNamesTheMemberOfWorldThatPulledItIn() throws IOException {
        PortageRefusal.Problem p = only("dependency");
        assertEquals(PortageRefusal.Kind.NO_EBUILDS, p.kind());
        assertEquals("app-misc/nothere", p.atom());
        assertEquals(List.of("app-misc/needy-1.0::scratch"), p.pulledBy());
        assertEquals(List.of("emerge: there are no ebuilds to satisfy \"app-misc/nothere\".",
                "(dependency required by \"app-misc/needy-1.0::scratch\" [ebuild])",
                "(dependency required by \"@zentoo\" [set])"), p.portage());
    }

    @Test
    void assemblyWithoutABinpkgIsItsOwnKind() throws IOException {
        PortageRefusal.Problem p = only("usepkgonly");
        assertEquals(PortageRefusal.Kind.NO_BINPKG, p.kind());
        assertEquals("app-misc/hello", p.atom());
    }

    @Test
    void aBlockerNamesBothMembersOfWorld() throws IOException {
        PortageRefusal.Problem p = only("blocker");
        assertEquals(PortageRefusal.Kind.BLOCKER, p.kind());
        assertEquals("app-misc/hello", p.atom());
        assertEquals(List.of("app-misc/hello", "app-misc/blocker"), p.pulledBy());
        assertEquals("[blocks B      ] app-misc/hello (\"app-misc/hello\" is soft blocking app-misc/blocker-1.0)",
                p.portage().get(0));
    }

    @Test
    void aSlotConflictNamesTheSlotAndWhatRequiresEachVersion() throws IOException {
        PortageRefusal.Problem p = only("slot-conflict");
        assertEquals(PortageRefusal.Kind.SLOT_CONFLICT, p.kind());
        assertEquals("app-misc/slotty:0", p.atom());
        assertEquals(List.of("app-misc/wantsold-1.0", "app-misc/wantsnew-1.0"), p.pulledBy());
        assertTrue(p.portage().stream().anyMatch(l -> l.startsWith("=app-misc/slotty-1 required by")), p::toString);
    }

    @Test
    void aSoftBlockerThatPortageResolvesItselfIsNoRefusal() {
        PortageRefusal refusal = new PortageRefusal();
        refusal.accept("[blocks b      ] app-misc/old (\"app-misc/old\" is soft blocking app-misc/new-1.0)");
        assertFalse(refusal.refused());
    }

    @Test
    void aFailureAfterSomethingMergedIsNoRefusalOfWorld() throws IOException {
        PortageRefusal refusal = read("usepkgonly", "");
        EmergeReport report = new EmergeReport();
        assertTrue(refusal.before(report));
        report.accept(">>> Emerging binary (1 of 2) app-misc/world-1.0::zentoo-test");
        assertFalse(refusal.before(report));
    }

    @Test
    void aStepThatPortageRefusedSaysSoWithPortagesLines() throws IOException {
        PortageRefusal refusal = read("usepkgonly", "");
        StepFailedException refused = new StepFailedException("web", "assemble", "exit code 1", List.of("tail"),
                java.nio.file.Path.of("/logs/web-assemble.log")).refusedBy(refusal);
        assertEquals(refusal, refused.refusal());
        assertTrue(refused.getMessage().contains("app-misc/hello: no binpkg in the partition can satisfy it"
                + "\n    Portage: emerge: there are no binary packages to satisfy \"app-misc/hello\"."), refused::getMessage);
        assertTrue(refused.getMessage().endsWith("Full log: /logs/web-assemble.log"), refused::getMessage);
    }

    @Test
    void aPlanThatGoesThroughIsNoRefusal() {
        PortageRefusal refusal = new PortageRefusal();
        List.of("[ebuild  N     ] app-misc/hello-1.0::zentoo-test  USE=\"colour\" 1 KiB",
                "Total: 1 package (1 new), Size of downloads: 1 KiB").forEach(refusal);
        assertFalse(refusal.refused());
    }
}
