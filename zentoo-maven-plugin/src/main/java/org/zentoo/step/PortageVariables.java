package org.zentoo.step;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code NAME='value'} lines of {@code portageq envvar -v}. */
public final class PortageVariables {

    private PortageVariables() {
    }

    public static Map<String, String> parse(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq <= 0 || !line.substring(0, eq).matches("[A-Z_][A-Z0-9_]*")) {
                continue;
            }
            values.put(line.substring(0, eq), unquote(line.substring(eq + 1)));
        }
        return values;
    }

    /** Undoes POSIX shell single quoting, the form portageq writes. */
    static String unquote(String value) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == '\\' && !quoted && i + 1 < value.length()) {
                out.append(value.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
