package org.zentoo.pipeline;

import java.util.ArrayList;
import java.util.List;

/** The table that ends a goal's log: one line per machine, columns aligned. */
public final class SummaryTable {

    private SummaryTable() {
    }

    public static List<String> format(String goal, List<Outcome> outcomes) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"machine", "partition", "result", "time", "detail"});
        for (Outcome o : outcomes) {
            rows.add(new String[] {o.machine(), o.partition(), o.result().name(), seconds(o), o.detail()});
        }
        int[] width = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("zentoo:" + goal + " summary");
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                String cell = rows.get(r)[i];
                line.append(i == 4 ? cell : String.format("%-" + width[i] + "s  ", cell));
            }
            lines.add(line.toString().stripTrailing());
            if (r == 0) {
                lines.add("-".repeat(Math.min(100, width[0] + width[1] + width[2] + width[3] + width[4] + 8)));
            }
        }
        return lines;
    }

    private static String seconds(Outcome o) {
        return o.time() == null ? "-" : String.format("%ds", o.time().toSeconds());
    }
}
