package org.zentoo.step;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PortageVariablesTest {

    @Test
    void readsPortageqEnvvarVerboseOutput() {
        Map<String, String> v = PortageVariables.parse(List.of(
                "CHOST=x86_64-pc-linux-gnu",
                "CFLAGS='-O2 -pipe -march=x86-64-v3'",
                "FCFLAGS=''",
                "LDFLAGS='-Wl,-O1 -Wl,--as-needed'",
                "!!! some warning line",
                "not a variable"));
        assertEquals("x86_64-pc-linux-gnu", v.get("CHOST"));
        assertEquals("-O2 -pipe -march=x86-64-v3", v.get("CFLAGS"));
        assertEquals("", v.get("FCFLAGS"));
        assertEquals("-Wl,-O1 -Wl,--as-needed", v.get("LDFLAGS"));
        assertEquals(4, v.size());
    }

    @Test
    void undoesShellQuotingOfEmbeddedQuotes() {
        assertEquals("it's", PortageVariables.unquote("'it'\\''s'"));
    }
}
