package org.zentoo.explain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.config.ConfigException;
import org.zentoo.makeconf.FlagState;
import org.zentoo.makeconf.TokenStack;
import org.zentoo.site.Site;
import org.zentoo.testing.SiteFiles;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same stack as the differential test against Portage (checked by hand with Portage 3.0.83). */
class ExplainerTest {

    @TempDir
    Path root;

    private Site site() throws ConfigException {
        SiteFiles s = new SiteFiles(root)
                .file("sets/base/make.conf", "FEATURES=\"-sandbox\"", "CHOST=\"x86_64-pc-linux-gnu\"",
                        "CFLAGS=\"-O2  -pipe\"", "USE=\"-* colour cxx\"", "L10N=\"fr\"")
                .file("sets/a/parent", "base")
                .file("sets/a/make.conf", "USE=\"greeting xattr\"")
                .file("sets/a/package.use", "app-misc/hello -colour")
                .file("sets/b/parent", "a")
                .file("sets/b/make.conf", "L10N=\"-fr de\"", "USE=\"-greeting\"")
                .file("sets/c/package.use", "app-misc/hello greeting L10N: -* fr", ">=app-misc/hello-2 -xattr")
                .machine("m1", "b", "c");
        return Site.load(s.config());
    }

    private static Map<String, Boolean> flags(Iterable<FlagState> states) {
        return java.util.stream.StreamSupport.stream(states.spliterator(), false)
                .collect(Collectors.toMap(FlagState::flag, FlagState::enabled, (x, y) -> y, java.util.TreeMap::new));
    }

    @Test
    void effectiveUseOfAnAtomWithWhoDecidedIt() throws ConfigException {
        Explanation e = Explainer.explain(site(), "m1", "app-misc/hello", false);
        assertEquals(Map.of("colour", false, "cxx", true, "greeting", true, "l10n_fr", true, "xattr", false),
                flags(e.packageUse()));
        assertFalse(e.profileUseKept());
        FlagState greeting = e.packageUse().stream().filter(f -> f.flag().equals("greeting")).findFirst().orElseThrow();
        assertEquals("c", greeting.origin().setId());
        assertEquals("config/sets/c/package.use", greeting.origin().file());
        assertTrue(e.lines().stream().anyMatch(l -> l.contains("applies only if >=app-misc/hello-2 matches")), e.lines().toString());
    }

    @Test
    void makeConfVariablesAndUseExpand() throws ConfigException {
        Explanation e = Explainer.explain(site(), "m1", null, false);
        assertEquals("-* colour cxx xattr -greeting", e.variables().get("USE"));
        assertEquals("de", e.variables().get("L10N"));
        assertEquals("de", e.useExpand().get("L10N"));
        assertEquals("-sandbox", e.variables().get("FEATURES"));
        assertTrue(e.packageUse().isEmpty());
    }

    @Test
    void conflictsAreWarningsOrStrictErrors() throws ConfigException {
        Explanation e = Explainer.explain(site(), "m1", "app-misc/hello", false);
        assertEquals(4, e.conflicts().size(), e.conflicts().toString());
        assertEquals("greeting", e.conflicts().get(0).flag());
        ConfigException strict = assertThrows(ConfigException.class, () -> Explainer.explain(site(), "m1", null, true));
        assertTrue(strict.getMessage().startsWith("config/sets/b/make.conf:2: conflict (zentoo.strict): USE: 'greeting'"),
                strict.getMessage());
    }

    @Test
    void partitionKeyFromMakeConfSaysWhatIsLeftToTheProfile() throws ConfigException {
        Explanation e = Explainer.explain(site(), "m1", null, false);
        assertTrue(e.partitionKey().id().startsWith("amd64-x86_64-pc-linux-gnu-"), e.partitionKey().id());
        assertEquals(java.util.List.of("CXXFLAGS", "FCFLAGS", "LDFLAGS"), e.partitionKey().leftToProfile());
        // offline explain cannot name the partition the build will use: the profile decides those three
        String line = e.lines().stream().filter(l -> l.startsWith("Binpkg partition: ")).findFirst().orElseThrow();
        assertTrue(line.startsWith("Binpkg partition: not known offline: the build keys it on Portage's own"
                + " CXXFLAGS, FCFLAGS, LDFLAGS"), line);
        assertFalse(line.contains(e.partitionKey().id()), line);
    }

    @Test
    void everyPackageLinesJoinGlobalUseBeforeUseExpandVariables() throws ConfigException {
        Site site = Site.load(new SiteFiles(root.resolve("g"))
                .file("sets/a/make.conf", "USE=\"aa\"", "L10N=\"en\"")
                .file("sets/a/package.use", "app-misc/hello -greeting")
                .file("sets/b/package.use", "*/* -aa greeting l10n_de")
                .machine("m", "a", "b").config());
        Explanation e = Explainer.explain(site, "m", "app-misc/hello", false);
        assertEquals(java.util.List.of("-l10n_*", "-aa", "greeting", "l10n_en"),
                Explainer.globalUse(site, site.machine("m")).tokens(), "L10N in make.conf replaces the */* l10n_de");
        assertEquals(Map.of("aa", false, "greeting", false, "l10n_en", true), flags(e.packageUse()),
                "the earlier app-misc/hello line beats the later */* line: more specific atoms apply last");
    }

    @Test
    void packageUseAppliesFromTheLeastToTheMostSpecificAtom() throws ConfigException {
        Site site = Site.load(new SiteFiles(root.resolve("s"))
                .file("sets/a/package.use", "=app-misc/hello-1.0 x", "app-misc/hello:0 -x y", ">=app-misc/hello-1 -y z")
                .file("sets/b/package.use", "app-misc/hello -z", "app-misc/* -x -y -z", "*/hello w", "app-*/* -w")
                .machine("m", "a", "b").config());
        TokenStack use = Explainer.packageUse(site, site.machine("m"), "app-misc/hello");
        assertEquals(Map.of("w", true, "x", true, "y", true, "z", true), flags(use.flags()));
    }

    @Test
    void everyPackageLicenseLinesJoinAcceptLicense() throws ConfigException {
        Site site = Site.load(new SiteFiles(root.resolve("l"))
                .file("sets/a/make.conf", "ACCEPT_LICENSE=\"-* @FREE\"")
                .file("sets/a/package.license", "*/* MIT -@EULA", "app-misc/hello @BINARY-REDISTRIBUTABLE")
                .machine("m", "a").config());
        assertEquals("-* @FREE MIT -@EULA", Explainer.explain(site, "m", null, false).variables().get("ACCEPT_LICENSE"));
    }

    @Test
    void badAtomQuery() {
        ConfigException e = assertThrows(ConfigException.class, () -> Explainer.explain(site(), "m1", "hello", false));
        assertTrue(e.getMessage().startsWith("zentoo.atom: malformed atom 'hello'"), e.getMessage());
    }
}
