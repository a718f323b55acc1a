package org.zentoo.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void readsBackWhatItWrote() throws IOException {
        TestSuite back = JUnitXml.read(JUnitXml.write(suite()));
        assertEquals("web01", back.name());
        assertEquals(4, back.cases().size());
        TestCase failed = back.cases().get(1);
        assertEquals("motd & <more>", failed.name());
        assertEquals(TestCase.Status.FAILED, failed.status());
        assertEquals("exit code 1: \"quoted\"", failed.message());
        assertEquals(List.of("line ]]> with end", "bell \uFFFD here"), failed.output());
        assertEquals(Duration.ofMillis(2001), failed.time());
        assertEquals(TestCase.Status.SKIPPED, back.cases().get(2).status());
        assertEquals(TestCase.Status.ERROR, back.cases().get(3).status());
        assertEquals("4 tests: 1 passed, 1 failed, 1 in error, 1 skipped", back.summary());
    }

    @Test
    void refusesWhatIsNoReport() {
        assertThrows(IOException.class, () -> JUnitXml.read("<testsuites/>"));
        assertThrows(IOException.class, () -> JUnitXml.read("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><testsuite>&e;</testsuite>"));
    }
}
