package org.zentoo.pipeline;

import java.nio.file.Path;
import java.util.List;

/**
 * What one goal did for the selected machines: a row per machine, and the files
 * to attach. Artifacts are listed only for machines whose step succeeded or was
 * current already; the caller attaches them only when no machine failed, so a
 * failed run never publishes a partial set.
 */
public record GoalReport(String goal, List<Outcome> outcomes, List<Artifact> artifacts, List<String> notes) {

    /** A report whose log ends with the summary table alone. */
    public GoalReport(String goal, List<Outcome> outcomes, List<Artifact> artifacts) {
        this(goal, outcomes, artifacts, List.of());
    }

    /** A file to attach to the project, as {@code type} with {@code classifier}. */
    public record Artifact(String type, String classifier, Path file) {
    }

    public static GoalReport empty(String goal) {
        return new GoalReport(goal, List.of(), List.of());
    }

    public List<Outcome> failures() {
        return outcomes.stream().filter(Outcome::failed).toList();
    }

    /** The table that ends the goal's log, then the goal's notes (zentoo:assemble: what changed per machine). */
    public List<String> summary() {
        List<String> lines = new java.util.ArrayList<>(SummaryTable.format(goal, outcomes));
        lines.addAll(notes);
        return lines;
    }
}
