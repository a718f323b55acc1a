package org.zentoo.report;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A machine's test suite as the JUnit XML file Surefire and Failsafe write
 * ({@code TEST-<name>.xml}): a {@code testsuite} with name, tests, failures,
 * errors, skipped and time; a {@code testcase} per test with classname, name and
 * time, a {@code failure}, {@code error} or {@code skipped} element with its
 * message, and its output in {@code system-out}. Read back as well, so that a run
 * with unchanged stages reports the results it keeps instead of testing again.
 */
public final class JUnitXml {

    private JUnitXml() {
    }

    public static String write(TestSuite suite) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<testsuite name=\"").append(attribute(suite.name()))
                .append("\" time=\"").append(seconds(suite.time()))
                .append("\" tests=\"").append(suite.cases().size())
                .append("\" errors=\"").append(suite.count(TestCase.Status.ERROR))
                .append("\" skipped=\"").append(suite.count(TestCase.Status.SKIPPED))
                .append("\" failures=\"").append(suite.count(TestCase.Status.FAILED)).append("\">\n");
        for (TestCase c : suite.cases()) {
            out.append("  <testcase name=\"").append(attribute(c.name())).append("\" classname=\"")
                    .append(attribute(c.classname())).append("\" time=\"").append(seconds(c.time())).append("\">\n");
            String element = switch (c.status()) {
                case FAILED -> "failure";
                case ERROR -> "error";
                case SKIPPED -> "skipped";
                case PASSED -> null;
            };
            if (element != null) {
                out.append("    <").append(element);
                if (c.message() != null) {
                    out.append(" message=\"").append(attribute(c.message())).append('"');
                }
                if (c.status() != TestCase.Status.SKIPPED) {
                    out.append(" type=\"zentoo.").append(c.classname().substring(c.classname().lastIndexOf('.') + 1))
                            .append('"');
                }
                out.append("/>\n");
            }
            if (!c.output().isEmpty()) {
                out.append("    <system-out>").append(cdata(String.join("\n", c.output()) + "\n"))
                        .append("</system-out>\n");
            }
            out.append("  </testcase>\n");
        }
        return out.append("</testsuite>\n").toString();
    }

    /** The suite a file of {@link #write} holds; a file that is not one is an {@link IOException}. */
    public static TestSuite read(String xml) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            doc = builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not a JUnit XML report: " + e.getMessage(), e);
        }
        Element suite = doc.getDocumentElement();
        if (!suite.getTagName().equals("testsuite")) {
            throw new IOException("not a JUnit XML report: the root element is " + suite.getTagName());
        }
        List<TestCase> cases = new ArrayList<>();
        NodeList testcases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < testcases.getLength(); i++) {
            Element c = (Element) testcases.item(i);
            TestCase.Status status = TestCase.Status.PASSED;
            String message = null;
            List<String> output = List.of();
            for (Node n = c.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!(n instanceof Element e)) {
                    continue;
                }
                switch (e.getTagName()) {
                    case "failure" -> status = TestCase.Status.FAILED;
                    case "error" -> status = TestCase.Status.ERROR;
                    case "skipped" -> status = TestCase.Status.SKIPPED;
                    case "system-out" -> {
                        String text = e.getTextContent();
                        output = Arrays.asList((text.endsWith("\n") ? text.substring(0, text.length() - 1) : text)
                                .split("\n", -1));
                    }
                    default -> {
                        continue;
                    }
                }
                if (!e.getTagName().equals("system-out") && e.hasAttribute("message")) {
                    message = e.getAttribute("message");
                }
            }
            cases.add(new TestCase(c.getAttribute("classname"), c.getAttribute("name"), status,
                    time(c.getAttribute("time")), message, output));
        }
        return new TestSuite(suite.getAttribute("name"), cases);
    }

    /** Seconds with three decimals, as Surefire writes them. */
    static String seconds(Duration time) {
        return BigDecimal.valueOf(time.toNanos(), 9).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }

    private static Duration time(String seconds) {
        try {
            return Duration.ofNanos(new BigDecimal(seconds).movePointRight(9).longValue());
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    static String attribute(String s) {
        StringBuilder out = new StringBuilder();
        for (int cp : legal(s).codePoints().toArray()) {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append("&#9;");
                default -> out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** Text in CDATA; a {@code ]]>} in it is split across two sections. */
    static String cdata(String s) {
        return "<![CDATA[" + legal(s).replace("]]>", "]]]]><![CDATA[>") + "]]>";
    }

    /** XML 1.0 cannot carry most control characters, even escaped: they become U+FFFD. */
    static String legal(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(cp == 0x9 || cp == 0xA || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF)
                ? cp : 0xFFFD));
        return out.toString();
    }
}
