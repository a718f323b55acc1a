package org.zentoo.report;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestRunOutputTest {

    private static final String M = TestRunOutput.MARK + " ";

    @Test
    void readsChecksAndScriptsWithTheirOutputAndTimes() {
        TestRunOutput.Parsed p = TestRunOutput.parse("web01", List.of(
                "noise before",
                M + "begin check contents",
                "/usr/bin/hello (app-misc/hello-1.0): md5 differs: recorded a, found b",
                "/usr/bin/world (app-misc/world-1.0): missing",
                "3 packages: 9 files",
                M + "end check fail 2 1500 contents",
                M + "begin test with space.sh",
                "hi",
                M + "end test pass 0 2000000 with space.sh",
                M + "begin test fails",
                "bad thing",
                M + "end test fail 1 10 fails",
                M + "done"));
        assertTrue(p.complete());
        assertEquals(3, p.cases().size());
        TestCase contents = p.cases().get(0);
        assertEquals("web01.checks", contents.classname());
        assertEquals(TestCase.Status.FAILED, contents.status());
        assertEquals("2 problems, the first: /usr/bin/hello (app-misc/hello-1.0): md5 differs: recorded a, found b",
                contents.message());
        assertEquals(Duration.ofNanos(1_500_000), contents.time());
        assertEquals(3, contents.output().size());
        TestCase spaced = p.cases().get(1);
        assertEquals("web01.tests", spaced.classname());
        assertEquals("with space.sh", spaced.name());
        assertEquals(TestCase.Status.PASSED, spaced.status());
        assertNull(spaced.message());
        assertEquals(Duration.ofSeconds(2), spaced.time());
        assertEquals("exit code 1: bad thing", p.cases().get(2).message());
    }

    @Test
    void aRunThatStopsInsideATestIsIncompleteAndTheTestIsAnError() {
        TestRunOutput.Parsed p = TestRunOutput.parse("m", List.of(
                M + "begin check elf", M + "end check pass 0 5 elf", M + "begin test hangs", "waiting"));
        assertFalse(p.complete());
        assertEquals(TestCase.Status.PASSED, p.cases().get(0).status());
        TestCase hangs = p.cases().get(1);
        assertEquals(TestCase.Status.ERROR, hangs.status());
        assertEquals(List.of("waiting"), hangs.output());
    }

    @Test
    void aScriptCannotEndAnotherTestsBlockByPrintingItsEndLine() {
        TestRunOutput.Parsed p = TestRunOutput.parse("m", List.of(
                M + "begin test a", M + "end test pass 0 1 b", M + "end test fail 1 1 a", M + "done"));
        assertEquals(1, p.cases().size());
        assertEquals(TestCase.Status.FAILED, p.cases().get(0).status());
        assertEquals(List.of(M + "end test pass 0 1 b"), p.cases().get(0).output());
    }

    @Test
    void everyCheckReportedAndExitZeroIsNoError() {
        TestRunOutput.Parsed p = TestRunOutput.parse("m", List.of(
                M + "begin check a", M + "end check fail 1 5 a", M + "begin check b", M + "end check pass 0 5 b",
                M + "checks 0", M + "done"));
        assertEquals(OptionalInt.of(0), p.checksExit());
        assertTrue(p.checksNotRun("m", "c.py", List.of("a", "b")).isEmpty());
    }

    @Test
    void aMissingCheckIsAnErrorNamingIt() {
        TestRunOutput.Parsed p = TestRunOutput.parse("m", List.of(
                M + "begin check a", M + "end check pass 0 5 a", M + "checks 0",
                M + "begin test b", M + "end test pass 0 5 b", M + "done"));
        TestCase error = p.checksNotRun("m", "c.py", List.of("a", "b", "c")).orElseThrow();
        assertEquals("m.checks", error.classname());
        assertEquals("c.py", error.name());
        assertEquals(TestCase.Status.ERROR, error.status());
        // The site script b is no check b.
        assertEquals("Zentoo's built-in checks did not all run: c.py exited with 0; no result from b, c",
                error.message());
    }

    @Test
    void withoutTheChecksLineTheChecksDidNotRunEvenWhenEveryBlockIsThere() {
        // A site script cannot stand in for the driver: its checks line is inside its own block.
        TestRunOutput.Parsed p = TestRunOutput.parse("m", List.of(
                "bash: python3: Permission denied", M + "begin check a", M + "end check pass 0 5 a",
                M + "begin test t", M + "checks 0", M + "end test pass 0 5 t", M + "done"));
        assertEquals(OptionalInt.empty(), p.checksExit());
        assertEquals(List.of("bash: python3: Permission denied"), p.loose());
        assertEquals("Zentoo's built-in checks did not all run: the run did not say how c.py ended",
                p.checksNotRun("m", "c.py", List.of("a")).orElseThrow().message());
    }

    @Test
    void aNonZeroExitIsAnErrorWithTheLastLineItPrintedOutsideTheBlocks() {
        TestRunOutput.Parsed p = TestRunOutput.parse("m", List.of(
                "Traceback (most recent call last):", "  File \"c.py\", line 1", "SyntaxError: invalid syntax", "",
                M + "checks 1", M + "done"));
        TestCase error = p.checksNotRun("m", "c.py", List.of("a")).orElseThrow();
        assertEquals("Zentoo's built-in checks did not all run: c.py exited with 1 (SyntaxError: invalid syntax);"
                + " no result from a", error.message());
        assertEquals(4, error.output().size());
    }
}
