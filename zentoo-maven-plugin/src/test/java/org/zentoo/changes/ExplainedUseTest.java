package org.zentoo.changes;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExplainedUseTest {

    /** explain.json as a bug report holds it: Portage's answer, its origins mapped onto config/. */
    private static final String JSON = """
            {"machine": "lg", "packages": [
              {"atom": "=a/other-1", "cpv": "a/other-1", "flags": [{"flag": "x", "enabled": true,
                "origin": {"kind": "set", "file": "config/sets/o/package.use", "line": 1}}]},
              {"atom": "=app-misc/flagfail-1.0", "cpv": "app-misc/flagfail-1.0", "flags": [
                {"flag": "bad", "enabled": true,
                 "origin": {"kind": "set", "file": "config/sets/flags/package.use", "line": 2, "enabled": true}},
                {"flag": "doc", "enabled": false, "origin": {"kind": "ebuild", "file": "app-misc/flagfail/flagfail-1.0.ebuild"}},
                {"flag": "test", "enabled": false,
                 "origin": {"kind": "profile", "file": "profiles/base/use.mask", "line": 3, "effect": "mask"}},
                {"flag": "none", "enabled": false, "origin": {"kind": "none"}}]}]}
            """;

    @Test
    void eachFlagOfThePackageWithTheLineThatDecidesIt() {
        ExplainedUse u = ExplainedUse.of(JSON, "app-misc/flagfail-1.0").orElseThrow();
        assertEquals(Map.of("bad", true, "doc", false, "test", false, "none", false), u.use());
        assertEquals("by config/sets/flags/package.use:2", u.origin("app-misc/flagfail", "bad", true));
        assertEquals("by the IUSE default in app-misc/flagfail/flagfail-1.0.ebuild",
                u.origin("app-misc/flagfail", "doc", false));
        assertEquals("by profiles/base/use.mask:3 (a profile mask)", u.origin("app-misc/flagfail", "test", false));
        assertEquals("by nothing: no line sets it", u.origin("app-misc/flagfail", "none", false));
    }

    @Test
    void aPackageExplainDoesNotAnswerForIsEmpty() {
        assertEquals(Optional.empty(), ExplainedUse.of(JSON, "app-misc/broken-1.0"));
        assertEquals(Optional.empty(), ExplainedUse.of("{\"packages\": [{\"atom\": \"=x/y-1\", \"error\": \"no\"}]}",
                "x/y-1"));
    }
}
