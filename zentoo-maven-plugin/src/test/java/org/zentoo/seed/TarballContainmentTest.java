package org.zentoo.seed;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TarballContainmentTest {

    @TempDir
    Path temp;

    @Test
    void stageWithMergedUsrRelativeAbsoluteAndHardLinksIsAccepted() throws IOException {
        Path tarball = Files.write(temp.resolve(StageFixture.NAME), StageFixture.tarball(
                StageFixture.file("./var/lib/../lib/portage/world"), StageFixture.symlink("./lib64", "usr/lib64")));

        assertDoesNotThrow(() -> TarballContainment.check(tarball, StageFixture.NAME, "the stage"));
    }

    static Stream<TarArchiveEntry> entriesThatEscape() {
        return Stream.of(
                StageFixture.file("../evil"),
                StageFixture.file("./etc/../../evil"),
                StageFixture.file("/etc/passwd"),
                StageFixture.symlink("etc/escape", "../../outside"),
                StageFixture.symlink("escape", ".."),
                StageFixture.hardlink("usr/bin/x", "../../etc/shadow"),
                StageFixture.hardlink("usr/bin/y", "/etc/shadow"),
                StageFixture.file("bin/written-through-merged-usr-link"));
    }

    @ParameterizedTest
    @MethodSource("entriesThatEscape")
    void entryThatCouldLeaveTheRootIsRefusedByName(TarArchiveEntry entry) throws IOException {
        Path tarball = Files.write(temp.resolve(StageFixture.NAME), StageFixture.tarball(entry));

        SeedException refused = assertThrows(SeedException.class,
                () -> TarballContainment.check(tarball, StageFixture.NAME, "the stage"));

        assertEquals(SeedException.Problem.UNSAFE_TARBALL, refused.problem());
        assertTrue(refused.getMessage().contains("'" + entry.getName() + "'"), refused.getMessage());
    }

    @Test
    void unreadableArchiveIsReportedWithItsFormat() throws IOException {
        Path tarball = Files.write(temp.resolve(StageFixture.NAME), new byte[] {1, 2, 3});

        SeedException refused = assertThrows(SeedException.class,
                () -> TarballContainment.check(tarball, StageFixture.NAME, "the stage"));

        assertTrue(refused.getMessage().contains("cannot be read as a .tar.xz archive"), refused.getMessage());
    }
}
