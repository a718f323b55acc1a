package org.zentoo.makeconf;

import org.zentoo.config.ConfigException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads make.conf syntax the way Portage's getconfig accepts it, minus {@code source}:
 * a Zentoo site must be readable without running anything, and a sourced file would
 * escape the set's provenance.
 */
public final class MakeConfParser {

    private final String file;
    private final String text;
    private final Map<String, String> values;
    private int pos;
    private int line = 1;

    private MakeConfParser(String file, String text, Map<String, String> earlier) {
        this.file = file;
        this.text = text;
        this.values = new HashMap<>(earlier);
    }

    /**
     * @param earlier values visible to {@code ${VAR}}: what earlier sets of the stack assigned
     */
    public static List<Assignment> parse(String file, String text, Map<String, String> earlier) throws ConfigException {
        return new MakeConfParser(file, text, earlier).statements();
    }

    private List<Assignment> statements() throws ConfigException {
        List<Assignment> out = new ArrayList<>();
        while (true) {
            skipBlankAndComments();
            if (pos >= text.length()) {
                return out;
            }
            int start = line;
            String name = word();
            if (name.equals("export")) {
                skipInlineSpace();
                name = word();
            }
            if (name.equals("source") || name.equals(".")) {
                throw error(start, "'" + name + "' is not supported: a set's make.conf must stand alone; "
                        + "put the variables into this file or into a parent set");
            }
            if (name.isEmpty() || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw error(start, "expected NAME=\"value\", found '" + restOfLine() + "'");
            }
            if (pos >= text.length() || text.charAt(pos) != '=') {
                throw error(start, "expected '=' right after " + name + " (no spaces), found '" + restOfLine() + "'");
            }
            pos++;
            String value = value(start);
            skipInlineSpace();
            if (pos < text.length() && text.charAt(pos) == '#') {
                skipToEol();
            }
            if (pos < text.length() && text.charAt(pos) != '\n') {
                throw error(line, "expected the end of the line after " + name + "=..., found '" + restOfLine()
                        + "' (quote values that contain spaces)");
            }
            values.put(name, value);
            out.add(new Assignment(name, value, start));
        }
    }

    private String value(int start) throws ConfigException {
        StringBuilder v = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                break;
            } else if (c == '"') {
                pos++;
                doubleQuoted(v);
            } else if (c == '\'') {
                pos++;
                singleQuoted(v);
            } else if (c == '\\') {
                escape(v, false);
            } else if (c == '$') {
                expansion(v);
            } else if (c == '`' || c == ';' || c == '|' || c == '&' || c == '(' || c == ')' || c == '<' || c == '>') {
                throw error(line, "unexpected '" + c + "' in a value: make.conf runs no commands; quote it if it is text");
            } else {
                v.append(c);
                pos++;
            }
        }
        return v.toString();
    }

    private void doubleQuoted(StringBuilder v) throws ConfigException {
        int opened = line;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return;
            } else if (c == '\\') {
                escape(v, true);
            } else if (c == '$') {
                expansion(v);
            } else if (c == '`') {
                throw error(line, "command substitution (`...`) is not supported in make.conf values");
            } else {
                if (c == '\n') {
                    line++;
                }
                v.append(c);
                pos++;
            }
        }
        throw error(opened, "unterminated double quote: expected a closing '\"'");
    }

    private void singleQuoted(StringBuilder v) throws ConfigException {
        int opened = line;
        int end = text.indexOf('\'', pos);
        if (end < 0) {
            throw error(opened, "unterminated single quote: expected a closing \"'\"");
        }
        String s = text.substring(pos, end);
        line += (int) s.chars().filter(ch -> ch == '\n').count();
        v.append(s);
        pos = end + 1;
    }

    private void escape(StringBuilder v, boolean inDoubleQuotes) {
        pos++;
        if (pos >= text.length()) {
            return;
        }
        char c = text.charAt(pos);
        pos++;
        if (c == '\n') {
            line++;
        } else if (!inDoubleQuotes || c == '"' || c == '\\' || c == '$' || c == '`') {
            v.append(c);
        } else {
            v.append('\\').append(c);
        }
    }

    private void expansion(StringBuilder v) throws ConfigException {
        pos++;
        String name;
        if (pos < text.length() && text.charAt(pos) == '{') {
            int close = text.indexOf('}', pos);
            int nl = text.indexOf('\n', pos);
            if (close < 0 || (nl >= 0 && nl < close)) {
                throw error(line, "unterminated ${: expected ${NAME}");
            }
            name = text.substring(pos + 1, close);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw error(line, "'${" + name + "}' is not supported: expected ${NAME} (no defaults or substitutions)");
            }
            pos = close + 1;
        } else {
            int s = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')
                    && text.charAt(pos) < 128) {
                pos++;
            }
            name = text.substring(s, pos);
            if (name.isEmpty()) {
                v.append('$');
                return;
            }
            if (Character.isDigit(name.charAt(0))) {
                throw error(line, "'$" + name + "' is not a variable: expected $NAME or ${NAME}");
            }
        }
        v.append(values.getOrDefault(name, ""));
    }

    private String word() {
        int s = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '=' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                break;
            }
            pos++;
        }
        return text.substring(s, pos);
    }

    private void skipBlankAndComments() {
        while (true) {
            skipInlineSpace();
            if (pos >= text.length()) {
                return;
            }
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == '#') {
                skipToEol();
            } else {
                return;
            }
        }
    }

    private void skipInlineSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                pos += 2;
                line++;
            } else {
                return;
            }
        }
    }

    private void skipToEol() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private String restOfLine() {
        int end = text.indexOf('\n', pos);
        String s = text.substring(pos, end < 0 ? text.length() : end).strip();
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    private ConfigException error(int at, String problem) {
        return new ConfigException(file, at, problem);
    }
}
