package org.zentoo.atom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "app-misc/hello", "=app-misc/hello-1.0", "=app-misc/hello-1.0*", "~app-misc/hello-1.0",
            "<dev-lang/python-3.13", "<=dev-lang/python-3.12.1_rc2-r3", ">=sys-libs/glibc-2.39", ">x11-libs/gtk+-3.0",
            "dev-lang/python:3.12", "dev-libs/openssl:0/3", "dev-libs/openssl:=", "dev-libs/openssl:*",
            "dev-libs/openssl:0=", "dev-libs/openssl:0/3=", "net-misc/curl::gentoo", "net-misc/curl:0::gentoo",
            "net-misc/curl[ssl]", "net-misc/curl[-ssl,http2]", "net-misc/curl[ssl=,!http2=]",
            "net-misc/curl[ssl?,!http2?]", "dev-python/foo[python_targets_python3_12(-)]", "dev-libs/bar[baz(+)?]",
            "=dev-libs/bar-1.2.3a_alpha1_beta2_pre_rc3_p4-r5:2::overlay[a,-b]", "app-misc/foo-bar", "dev-cpp/foo_bar2",
            "@world", "@zentoo-extra", "sys-kernel/gentoo-kernel", "x11-misc/3dfx"
    })
    void acceptsWorldAtoms(String text) throws AtomSyntaxException {
        assertEquals(text, Atom.parse(text, AtomContext.WORLD).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "app-misc/*", "*/hello", "dev-*/*", "*/*::gentoo", "!app-misc/hello",
            "!!<app-misc/hello-2", "app-misc/hello:0", "*/*:0"})
    void acceptsPackageFileAtoms(String text) throws AtomSyntaxException {
        Atom.parse(text, AtomContext.PACKAGE_FILE);
    }

    private static final String WILDCARD = "wildcards are only allowed in package.* files; expected category/package";
    private static final String SLOT = " is not a slot: expected :SLOT, :SLOT/SUBSLOT, :SLOT=, := or :*";
    private static final String USE = " is not a USE dependency: expected flag, -flag, flag=, !flag=, flag? or !flag?,"
            + " with an optional (+) or (-) after the flag name";

    private static Arguments malformed(String text, String why) {
        return Arguments.of(text, "malformed atom '" + text + "': " + why);
    }

    /** Each bad world entry, with the whole message a user sees for it. */
    static Stream<Arguments> badWorldAtoms() {
        return Stream.of(
                Arguments.of("", "expected an atom, found nothing"),
                malformed("hello", "expected category/package"),
                malformed("app-misc/hello-1.0",
                        "'hello-1.0' is not a package name (a version needs an operator such as '=')"),
                malformed("=app-misc/hello", "the operator '=' needs a version: expected =category/package-VERSION"),
                malformed("app-misc/hello-1.0*", WILDCARD),
                malformed("=app-misc/hello*", "the operator '=' needs a version: expected =category/package-VERSION"),
                malformed(">=app-misc/hello-1.0*", "the operator '>=' needs a version: expected >=category/package-VERSION"),
                malformed("app/misc/hello", "expected category/package"),
                malformed("-app/hello", "'-app' is not a category name"),
                malformed("app-misc/-hello", "'-hello' is not a package name"),
                malformed("app-misc/hello:", "':'" + SLOT),
                malformed("app-misc/hello:=x", "':=x'" + SLOT),
                malformed("app-misc/hello:/3", "':/3'" + SLOT),
                malformed("app-misc/hello::", "'::' is not a repository name"),
                malformed("app-misc/hello::-x", "'::-x' is not a repository name"),
                malformed("app-misc/hello[]", "an empty [] list: expected [flag,...]"),
                malformed("app-misc/hello[ssl", "expected a [use] dependency list to come last and end with ']'"),
                malformed("app-misc/hello[ssl]x", "expected a [use] dependency list to come last and end with ']'"),
                malformed("app-misc/hello[-ssl?]", "'[-ssl?]'" + USE),
                malformed("app-misc/hello[!ssl]", "'[!ssl]'" + USE),
                malformed("app-misc/hello[+ssl]", "'[+ssl]'" + USE),
                malformed("app-misc/hello[ssl,]", "'[]'" + USE),
                malformed("=app-misc/hello-1.0.x", "the operator '=' needs a version: expected =category/package-VERSION"),
                malformed("*/*", WILDCARD),
                malformed("app-misc/*", WILDCARD),
                Arguments.of("!app-misc/hello",
                        "'!app-misc/hello': a blocker (!) cannot be a world entry; expected category/package"),
                malformed("@", "'@' is not a set name: expected @name"),
                malformed("@-x", "'@-x' is not a set name: expected @name"),
                malformed("=app-misc/hello-1.0-r", "the operator '=' needs a version: expected =category/package-VERSION"),
                malformed("app-misc/hello world", "'hello world' is not a package name"),
                malformed("app-misc/hello[ss l]", "'[ss l]'" + USE),
                malformed(">=*/*-1", WILDCARD)
        );
    }

    @ParameterizedTest
    @MethodSource("badWorldAtoms")
    void rejectsBadWorldAtoms(String text, String message) {
        AtomSyntaxException e = assertThrows(AtomSyntaxException.class, () -> Atom.parse(text, AtomContext.WORLD));
        assertEquals(message, e.getMessage());
    }

    /** Each answer is what Portage 3.0.83's isvalidatom(allow_repo, allow_wildcard) said in the test stage. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "~a/b-1-r1,true", "=a/b-1*,true", "a/b-1a_alpha,false", "=a/b-1.0_p,true", "a/b:0/3=,true",
            "a/b::x,true", ">=a/b-1[x(+)?],true", "a/b[-x?],false", "=a/b-01,true", "<a/b-1.0-r01,true",
            "a/b-1-x,true", "a/b-c-1a,false", "*/*,true", "a/b:*,true", "a/b:=,true", "=a/b-1.0.x,false",
            "a/b_c+d,true", "a+b/c,true", "a.b/c,true", "=a/b-1_beta2_p3-r4,true", "a/b[!x],false",
            "=a/b-1-r0,true", "a/b-,true", "a/b-1.2.3-r,false", "net-misc/c*url[ssl=],false",
            "app-misc/hello-1.0*,false", "9dev-lang/python*3.12,false", "d*v-java/-:1.8/2,false",
            "*/*:0::gentoo,true", "x11-*/*,true"})
    void agreesWithPortage(String text, boolean valid) {
        try {
            Atom.parse(text, AtomContext.PACKAGE_FILE);
            assertTrue(valid, text + " should be rejected");
        } catch (AtomSyntaxException e) {
            assertTrue(!valid, text + " should be accepted: " + e.getMessage());
            assertTrue(e.getMessage().startsWith("malformed atom '" + text + "': "), e.getMessage());
        }
    }

    /** PMS 3.1.1 and 3.1.2 forbid a leading '+' in category and package names; Portage's parser lets it pass. */
    @ParameterizedTest
    @ValueSource(strings = {"a/+b", "+a/b"})
    void followsPmsWhereItIsStricterThanPortage(String text) {
        assertThrows(AtomSyntaxException.class, () -> Atom.parse(text, AtomContext.PACKAGE_FILE));
    }

    @Test
    void setsAreNotAllowedInPackageFiles() {
        assertThrows(AtomSyntaxException.class, () -> Atom.parse("@world", AtomContext.PACKAGE_FILE));
    }

    @Test
    void splitsEveryPart() throws AtomSyntaxException {
        Atom a = Atom.parse("!!>=dev-libs/openssl-3.0.1-r2:0/3=::gentoo[ssl(+),!bindist?]", AtomContext.PACKAGE_FILE);
        assertEquals("!!", a.blocker());
        assertEquals(">=", a.operator());
        assertEquals("dev-libs", a.category());
        assertEquals("openssl", a.packageName());
        assertEquals("3.0.1-r2", a.version());
        assertEquals("0", a.slot());
        assertEquals("3", a.subSlot());
        assertEquals("=", a.slotOperator());
        assertEquals("gentoo", a.repository());
        assertEquals("ssl(+)", a.useDependencies().get(0).toString());
        assertEquals(UseDependency.Kind.IF_DISABLED, a.useDependencies().get(1).kind());
        assertTrue(Atom.parse("=a/b-1*", AtomContext.WORLD).versionGlob());
        assertNull(Atom.parse("a/b", AtomContext.WORLD).version());
    }

    @Test
    void wildcardsMatchPackages() throws AtomSyntaxException {
        assertTrue(Atom.parse("*/*", AtomContext.PACKAGE_FILE).appliesTo("app-misc", "hello"));
        assertTrue(Atom.parse("app-*/h*", AtomContext.PACKAGE_FILE).appliesTo("app-misc", "hello"));
        assertTrue(!Atom.parse("dev-libs/*", AtomContext.PACKAGE_FILE).appliesTo("app-misc", "hello"));
        assertTrue(Atom.parse(">=app-misc/hello-2", AtomContext.PACKAGE_FILE).isRestricted());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssl", "-ssl", "-*", "l10n_*", "-l10n_*", "python_targets_python3_12", "gtk+", "a@b", "9x"})
    void acceptsUseTokens(String token) throws AtomSyntaxException {
        UseFlag.checkToken(token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+ssl", "--ssl", "_ssl", "ss$l", "*", "ssl!", "-", "@x", "a.b"})
    void rejectsUseTokens(String token) {
        assertThrows(AtomSyntaxException.class, () -> UseFlag.checkToken(token));
    }
}
