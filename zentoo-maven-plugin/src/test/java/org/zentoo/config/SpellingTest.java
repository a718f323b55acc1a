package org.zentoo.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpellingTest {

    @Test
    void aMistypedSeedTagSuggestsTheLocalImageItMeant() {
        List<String> local = List.of("gentoo/stage3:amd64-openrc", "zentoo/distcc:1f2e", "zentoo/test-stage:current",
                "zentoo/test-stage:4a9c0e1b2d3f");
        assertEquals(Optional.of("zentoo/test-stage:current"), Spelling.closest("zentoo/test-stag:current", local));
    }

    @Test
    void aNameFarFromEveryCandidateHasNoSuggestion() {
        assertEquals(Optional.empty(), Spelling.closest("debian:bookworm", List.of("zentoo/test-stage:current")));
        assertEquals(Optional.empty(), Spelling.closest("x", List.of()));
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, Spelling.distance("abc", "abc"));
        assertEquals(1, Spelling.distance("package.accept_keyword", "package.accept_keywords"));
        assertEquals(1, Spelling.distance("package.uses", "package.use"));
        assertEquals(2, Spelling.distance("pakcage.use", "package.use"));
        assertEquals(3, Spelling.distance("", "abc"));
    }
}
