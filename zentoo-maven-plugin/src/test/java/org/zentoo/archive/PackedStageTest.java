package org.zentoo.archive;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Tests that pack a stage from another source than its directory and compare with
 * what the directory gives: the fixture tree, packed once per test class.
 */
abstract class PackedStageTest {

    @TempDir
    static Path work;

    static StageTree.Packed stage;
    final StageArchiver archiver = new StageArchiver(null, StageTree.CLAMP);

    @BeforeAll
    static void packTree() throws Exception {
        stage = StageTree.createAndPack(work);
    }
}
