package org.zentoo.set;

import org.zentoo.config.ConfigException;

import java.util.LinkedHashMap;
import java.util.Map;

/** The INI sections of a repos.conf, checked line by line so a typo is reported where it is. */
public record ReposConf(Map<String, Map<String, String>> sections) {

    public static ReposConf parse(String file, String text) throws ConfigException {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String s = lines[i].strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith(";")) {
                continue;
            }
            if (s.startsWith("[")) {
                if (!s.endsWith("]") || s.length() < 3) {
                    throw new ConfigException(file, i + 1, "expected a section header such as [gentoo], found '" + s + "'");
                }
                current = sections.computeIfAbsent(s.substring(1, s.length() - 1).strip(), k -> new LinkedHashMap<>());
                continue;
            }
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(file, i + 1, "expected 'key = value' or a [section], found '" + s + "'");
            }
            if (current == null) {
                throw new ConfigException(file, i + 1, "'" + s + "' comes before any [section]");
            }
            current.put(s.substring(0, eq).strip(), s.substring(eq + 1).strip());
        }
        return new ReposConf(sections);
    }
}
