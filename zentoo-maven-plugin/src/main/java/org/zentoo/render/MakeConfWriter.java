package org.zentoo.render;

import org.zentoo.machine.Machine;
import org.zentoo.makeconf.Contribution;
import org.zentoo.makeconf.MakeConfStack;
import org.zentoo.set.SetDefinition;

import java.util.List;
import java.util.Map;

/** Writes the single make.conf of a machine, with a comment block saying which set gave what. */
final class MakeConfWriter {

    private MakeConfWriter() {
    }

    static String write(Machine machine, MakeConfStack stack) {
        StringBuilder out = new StringBuilder();
        out.append("# Rendered by Zentoo for machine ").append(machine.id())
                .append(". Do not edit: change the sets in config/ instead.\n");
        out.append("#\n# Stack, applied in this order:\n");
        List<SetDefinition> sets = machine.stack();
        for (int i = 0; i < sets.size(); i++) {
            out.append("#   ").append(i + 1).append(". ").append(sets.get(i).id())
                    .append(sets.get(i).machine() ? " (machine)" : "").append('\n');
        }
        out.append("#\n# What each set assigned. Incremental variables below are the stack's net result;\n")
                .append("# a USE_EXPAND variable (L10N, VIDEO_CARDS, ...) replaces the profile's value:\n");
        for (Contribution c : stack.contributions()) {
            out.append("#   ").append(c.variable()).append(" from ").append(c.origin().setId())
                    .append(" (").append(c.origin().file()).append(':').append(c.origin().line()).append("): ")
                    .append(oneLine(c.value())).append('\n');
        }
        out.append('\n');
        for (Map.Entry<String, String> e : stack.written().entrySet()) {
            out.append(e.getKey()).append("=\"").append(quote(e.getValue())).append("\"\n");
        }
        return out.toString();
    }

    private static String oneLine(String value) {
        String s = value.strip().replaceAll("\\s+", " ");
        return s.isEmpty() ? "(empty)" : s;
    }

    static String quote(String value) {
        StringBuilder b = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '"' || c == '$' || c == '`') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
