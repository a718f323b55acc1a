package org.zentoo.makeconf;

import org.junit.jupiter.api.Test;
import org.zentoo.config.ConfigException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MakeConfStackTest {

    private final MakeConfStack stack = new MakeConfStack(UseExpand.gentoo().with(List.of("MY_TARGETS")));

    private void apply(String set, String... lines) throws ConfigException {
        stack.apply(set, "config/sets/" + set + "/make.conf", String.join("\n", lines) + "\n");
    }

    @Test
    void minusFlagWithoutEarlierPlusIsKeptForTheProfile() throws ConfigException {
        apply("a", "USE=\"ssl\"");
        apply("b", "USE=\"-ipv6 -ssl\"");
        assertEquals("-ipv6 -ssl", stack.value("USE"));
    }

    @Test
    void minusStarStaysInFrontAndDropsEverythingBefore() throws ConfigException {
        apply("a", "USE=\"ssl ipv6\"");
        apply("b", "USE=\"-* acl\"");
        apply("c", "USE=\"-acl zstd\"");
        assertEquals("-* -acl zstd", stack.value("USE"));
        assertEquals("b", stack.use().clearedBy().setId());
    }

    @Test
    void laterFlagWins() throws ConfigException {
        apply("a", "USE=\"-ssl\"");
        apply("b", "USE=\"ssl\"");
        assertEquals("ssl", stack.value("USE"));
        assertTrue(stack.conflicts().isEmpty(), "off then on is not a conflict");
    }

    @Test
    void enabledThenDisabledByALaterSetIsAConflict() throws ConfigException {
        apply("a", "USE=\"ssl\"", "FEATURES=\"buildpkg\"");
        apply("b", "USE=\"-ssl\"", "FEATURES=\"-buildpkg\"");
        assertEquals(2, stack.conflicts().size());
        Conflict c = stack.conflicts().get(0);
        assertEquals("ssl", c.flag());
        assertEquals("a", c.enabledBy().setId());
        assertEquals("b", c.disabledBy().setId());
        assertEquals(1, c.disabledBy().line());
    }

    @Test
    void useExpandStacksAcrossSetsAndIsWrittenAsItsVariable() throws ConfigException {
        apply("a", "L10N=\"de fr\"", "VIDEO_CARDS=\"-* amdgpu\"");
        apply("b", "L10N=\"-fr en-GB\"", "MY_TARGETS=\"x\"");
        assertEquals("de en-GB", stack.value("L10N"));
        assertEquals("amdgpu", stack.value("VIDEO_CARDS"), "written values replace the profile's, so -* is implied");
        assertEquals("x", stack.value("MY_TARGETS"));
        assertNull(stack.value("USE"));
        assertEquals(List.of("-l10n_*", "-video_cards_*", "-my_targets_*", "l10n_de", "l10n_en-GB",
                "video_cards_amdgpu", "my_targets_x"), stack.effectiveUse().tokens());
    }

    @Test
    void useExpandOverridesSamePrefixFlagsFromUseLikePortageMakeConf() throws ConfigException {
        apply("a", "USE=\"-* ssl l10n_fr\"", "L10N=\"de\"");
        assertEquals("-* ssl l10n_fr", stack.value("USE"));
        assertEquals("de", stack.value("L10N"));
        assertEquals(List.of("-*", "-l10n_*", "ssl", "l10n_de"), stack.effectiveUse().tokens());
    }

    @Test
    void emptiedUseExpandIsWrittenEmptySoItStillReplacesTheProfile() throws ConfigException {
        apply("a", "L10N=\"de\"");
        apply("b", "L10N=\"-de\"");
        assertEquals("", stack.value("L10N"));
        assertEquals(1, stack.conflicts().size());
    }

    @Test
    void tokenIncrementalsStack() throws ConfigException {
        apply("a", "FEATURES=\"buildpkg -sandbox\"", "ACCEPT_KEYWORDS=\"amd64\"", "CONFIG_PROTECT=\"/srv\"");
        apply("b", "FEATURES=\"-buildpkg parallel-fetch\"", "ACCEPT_KEYWORDS=\"-* ~amd64\"", "CONFIG_PROTECT_MASK=\"/etc/x\"");
        assertEquals("-sandbox -buildpkg parallel-fetch", stack.value("FEATURES"));
        assertEquals("-* ~amd64", stack.value("ACCEPT_KEYWORDS"));
        assertEquals("/srv", stack.value("CONFIG_PROTECT"));
        assertEquals("/etc/x", stack.value("CONFIG_PROTECT_MASK"));
    }

    @Test
    void licenseListsKeepOrderAndPruneLikePortage() throws ConfigException {
        apply("a", "ACCEPT_LICENSE=\"@FREE\"");
        apply("b", "ACCEPT_LICENSE=\"-@EULA linux-fw-redistributable\"");
        assertEquals("@FREE -@EULA linux-fw-redistributable", stack.value("ACCEPT_LICENSE"));
        apply("c", "ACCEPT_LICENSE=\"-* @BINARY-REDISTRIBUTABLE\"");
        assertEquals("-* @BINARY-REDISTRIBUTABLE", stack.value("ACCEPT_LICENSE"));
        apply("d", "ACCEPT_LICENSE=\"* -@EULA\"");
        assertEquals("* -@EULA", stack.value("ACCEPT_LICENSE"));
    }

    @Test
    void plainVariablesLastWinsAndExpandAcrossSets() throws ConfigException {
        apply("a", "COMMON_FLAGS=\"-O2 -pipe\"", "CFLAGS=\"${COMMON_FLAGS}\"");
        apply("b", "COMMON_FLAGS=\"-O2 -pipe -march=znver3\"", "CFLAGS=\"${COMMON_FLAGS}\"", "CXXFLAGS=\"${CFLAGS}\"");
        assertEquals("-O2 -pipe -march=znver3", stack.value("CFLAGS"));
        assertEquals("-O2 -pipe -march=znver3", stack.value("CXXFLAGS"));
        assertEquals("b", stack.plain().get("CFLAGS").origin().setId());
    }

    @Test
    void secondAssignmentInOneFileReplacesTheFirst() throws ConfigException {
        apply("a", "USE=\"x\"", "USE=\"y\"", "USE=\"${USE} z\"");
        assertEquals("y z", stack.value("USE"));
    }

    @Test
    void badUseTokensNameTheirLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> apply("a", "# c", "USE=\"ok +bad\""));
        assertEquals("config/sets/a/make.conf", e.file());
        assertEquals(2, e.line());
        e = assertThrows(ConfigException.class, () -> apply("a", "USE=\"ok b\\$d\""));
        assertTrue(e.getMessage().contains("is not a USE flag"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> apply("a", "", "", "L10N=\"d!e\""));
        assertEquals(3, e.line());
        assertThrows(ConfigException.class, () -> apply("a", "VIDEO_CARDS=\"*\""));
    }

    @Test
    void emptyStackWritesNothing() {
        assertTrue(stack.written().isEmpty());
        assertFalse(stack.use().clearedBy() != null);
    }
}
