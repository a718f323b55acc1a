package org.zentoo.makeconf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zentoo.config.ConfigException;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MakeConfParserTest {

    private static List<Assignment> parse(String text) throws ConfigException {
        return MakeConfParser.parse("config/sets/s/make.conf", text, Map.of("EARLIER", "from-below"));
    }

    private static String value(String text, String name) throws ConfigException {
        return parse(text).stream().filter(a -> a.name().equals(name)).reduce((a, b) -> b).orElseThrow().value();
    }

    @Test
    void readsQuotesAndExpansions() throws ConfigException {
        String text = """
                # comment
                A="x y"   # trailing comment
                B='${A} literal'
                C="${A} $A ${EARLIER} ${UNSET}end"
                D=bare
                export E="exported"
                F="multi
                   line"
                G="a \\
                b"
                H="q\\"uote \\$A back\\\\slash"
                I=
                """;
        List<Assignment> as = parse(text);
        assertEquals("x y", value(text, "A"));
        assertEquals("${A} literal", value(text, "B"));
        assertEquals("x y x y from-below end", value(text, "C"));
        assertEquals("bare", value(text, "D"));
        assertEquals("exported", value(text, "E"));
        assertEquals("multi\n   line", value(text, "F"));
        assertEquals("a b", value(text, "G"));
        assertEquals("q\"uote $A back\\slash", value(text, "H"));
        assertEquals("", value(text, "I"));
        assertEquals(2, as.get(0).line());
        assertEquals(7, as.get(5).line());
        assertEquals(11, as.stream().filter(a -> a.name().equals("H")).findFirst().orElseThrow().line());
    }

    @Test
    void continuationOutsideQuotesJoinsLines() throws ConfigException {
        assertEquals("ab", value("A=a\\\nb\n", "A"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "source /etc/other.conf|1|'source' is not supported",
            ". /etc/other.conf|1|'.' is not supported",
            "A = b|1|expected '=' right after A",
            "A=b c|1|expected the end of the line",
            "\\n\\nA=\"open|3|unterminated double quote",
            "A='open|1|unterminated single quote",
            "A=\"${B:-x}\"|1|expected ${NAME}",
            "A=\"${B\"|1|unterminated ${",
            "A=$(ls)|1|unexpected '('",
            "A=\"`ls`\"|1|command substitution",
            "1A=b|1|expected NAME=",
            "A=ok\\nB|2|expected '=' right after B",
            "A=\"a\\nb\"\\nC D|3|expected '=' right after C",
            "echo hi|1|expected '=' right after echo",
    })
    void brokenLinesNameTheirLine(String text, int line, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text.replace("\\n", "\n")));
        assertEquals(line, e.line());
        assertTrue(e.getMessage().startsWith("config/sets/s/make.conf:" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
