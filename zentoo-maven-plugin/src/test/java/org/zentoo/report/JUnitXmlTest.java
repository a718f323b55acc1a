package org.zentoo.report;

import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JUnitXmlTest {

    private static TestSuite suite() {
        return new TestSuite("web01", List.of(
                new TestCase("web01.checks", "contents", TestCase.Status.PASSED, Duration.ofMillis(1234), null,
                        List.of("3 packages")),
                new TestCase("web01.tests", "motd & <more>", TestCase.Status.FAILED, Duration.ofNanos(2_000_500_000L),
                        "exit code 1: \"quoted\"", List.of("line ]]> with end", "bell \u0007 here")),
                new TestCase("web01.boot", "boot", TestCase.Status.SKIPPED, Duration.ZERO, "zentoo.test.boot=false",
                        List.of()),
                new TestCase("web01.checks", "elf", TestCase.Status.ERROR, Duration.ZERO, "broke", List.of("x"))));
    }

    @Test
    void writesSurefiresShape() {
        String xml = JUnitXml.write(suite());
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"web01\" time=\"3.235\""
                + " tests=\"4\" errors=\"1\" skipped=\"1\" failures=\"1\">\n"), xml);
        assertTrue(xml.contains("  <testcase name=\"contents\" classname=\"web01.checks\" time=\"1.234\">\n"
                + "    <system-out><![CDATA[3 packages\n]]></system-out>\n  </testcase>\n"), xml);
        assertTrue(xml.contains("<testcase name=\"motd &amp; &lt;more&gt;\" classname=\"web01.tests\" time=\"2.001\">"), xml);
        assertTrue(xml.contains("<failure message=\"exit code 1: &quot;quoted&quot;\" type=\"zentoo.tests\"/>"), xml);
        assertTrue(xml.contains("<skipped message=\"zentoo.test.boot=false\"/>"), xml);
        assertTrue(xml.contains("<error message=\"broke\" type=\"zentoo.checks\"/>"), xml);
        assertTrue(xml.contains("line ]]]]><![CDATA[> with end\nbell \uFFFD here"), xml);
    }

    /**
     * Surefire's own report reader (the one its report plugin uses) is the oracle:
     * it reads each case's class, name, time, outcome and message from what we
     * wrote, and our reader, which keeps an unchanged machine's results, agrees
     * with it case by case.
     */
    @Test
    void surefiresOwnReaderReadsWhatItWroteAndOurReaderAgrees(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("TEST-web01.xml");
        Files.writeString(file, JUnitXml.write(suite()), StandardCharsets.UTF_8);
        TestSuiteXmlParser parser = new TestSuiteXmlParser(new NullConsoleLogger());
        List<ReportTestSuite> suites = parser.parse(file.toString());
        assertTrue(parser.isValid(), "Surefire's parser did not take " + file);
        // Surefire groups a file's cases by class: web01.checks, web01.tests, web01.boot.
        Map<String, ReportTestCase> theirs = new LinkedHashMap<>();
        for (ReportTestSuite s : suites) {
            s.getTestCases().forEach(c -> theirs.put(c.getFullClassName() + " " + c.getName(), c));
        }
        assertEquals(List.of("web01.boot boot", "web01.checks contents", "web01.checks elf",
                "web01.tests motd & <more>"), theirs.keySet().stream().sorted().toList());
        assertEquals(4, suites.stream().mapToInt(ReportTestSuite::getNumberOfTests).sum());
        assertEquals(1, suites.stream().mapToInt(ReportTestSuite::getNumberOfFailures).sum());
        assertEquals(1, suites.stream().mapToInt(ReportTestSuite::getNumberOfErrors).sum());
        assertEquals(1, suites.stream().mapToInt(ReportTestSuite::getNumberOfSkipped).sum());
        ReportTestCase failed = theirs.get("web01.tests motd & <more>");
        assertTrue(failed.hasFailure());
        assertEquals("exit code 1: \"quoted\"", failed.getFailureMessage());
        assertEquals("zentoo.tests", failed.getFailureType());
        assertEquals(2.001f, failed.getTime(), 0.0005f);
        assertTrue(theirs.get("web01.checks elf").hasError());
        assertEquals("broke", theirs.get("web01.checks elf").getFailureMessage());
        assertTrue(theirs.get("web01.boot boot").hasSkipped());
        assertEquals("zentoo.test.boot=false", theirs.get("web01.boot boot").getFailureMessage());
        assertTrue(theirs.get("web01.checks contents").isSuccessful());
        assertEquals(1.234f, theirs.get("web01.checks contents").getTime(), 0.0005f);

        TestSuite ours = JUnitXml.read(Files.readString(file, StandardCharsets.UTF_8));
        assertEquals("web01", ours.name());
        assertEquals(theirs.size(), ours.cases().size());
        for (TestCase c : ours.cases()) {
            ReportTestCase their = theirs.get(c.classname() + " " + c.name());
            assertNotNull(their, c.classname() + " " + c.name());
            TestCase.Status status = their.hasFailure() ? TestCase.Status.FAILED : their.hasError()
                    ? TestCase.Status.ERROR : their.hasSkipped() ? TestCase.Status.SKIPPED : TestCase.Status.PASSED;
            assertEquals(status, c.status(), c.name());
            assertEquals(their.getFailureMessage(), c.message(), c.name());
            assertEquals(their.getTime(), c.time().toNanos() / 1e9f, 0.0005f, c.name());
        }
        // Surefire's reader skips system-out: the output lines are checked against what went in.
        assertEquals(List.of("line ]]> with end", "bell \uFFFD here"), ours.cases().get(1).output());
        assertEquals("4 tests: 1 passed, 1 failed, 1 in error, 1 skipped", ours.summary());
    }

    @Test
    void refusesWhatIsNoReport() {
        assertThrows(IOException.class, () -> JUnitXml.read("<testsuites/>"));
        assertThrows(IOException.class, () -> JUnitXml.read("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><testsuite>&e;</testsuite>"));
    }
}
