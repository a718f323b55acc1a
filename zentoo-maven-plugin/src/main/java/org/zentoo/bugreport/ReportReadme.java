package org.zentoo.bugreport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * README.txt, the last section: what to paste where in a Gentoo bug, in the order
 * bugs.gentoo.org asks for it (the Bugzilla guide and the bug wranglers' rules):
 * search for the bug first, a summary {@code [overlay] cat/pkg-ver - what fails},
 * emerge --info in the description with the error and how to reproduce it, the
 * complete build.log attached, then what a maintainer asks for next. Then what
 * only Zentoo adds, each file with the line of the section that wrote it.
 */
public final class ReportReadme implements ReportSection {

    public static final String FILE = "README.txt";

    /** Main repositories: a bug against them names no overlay in its summary. */
    private static final List<String> MAIN_REPOSITORIES = List.of("gentoo");

    private final List<ReportSection> others;

    /** @param others the sections before this one, whose readme lines it lists */
    public ReportReadme(List<ReportSection> others) {
        this.others = List.copyOf(others);
    }

    @Override
    public List<String> files() {
        return List.of(FILE);
    }

    @Override
    public void write(FailedPackage failed) throws IOException {
        Files.writeString(failed.directory().resolve(FILE), text(failed, present(failed.directory())));
    }

    private List<String> present(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (ReportSection s : others) {
            boolean written = false;
            for (String f : s.files()) {
                written |= Files.exists(dir.resolve(f.endsWith("/") ? f.substring(0, f.length() - 1) : f));
            }
            if (written && s.readmeLine() != null) {
                lines.add(s.readmeLine());
            }
        }
        return lines;
    }

    /** The text for a failed package, listing {@code zentooLines} under what Zentoo adds. */
    public static String text(FailedPackage failed, List<String> zentooLines) {
        DieMessage die = failed.die();
        String repo = die == null ? "" : die.repository();
        String overlay = repo.isEmpty() || MAIN_REPOSITORIES.contains(repo) ? "" : "[" + repo + " overlay] ";
        String what = die == null ? "fails to build"
                : "fails to build (" + die.phase() + " phase): " + die.summary();
        String cpv = failed.cpv();
        StringBuilder out = new StringBuilder();
        out.append("Bug report for ").append(cpv).append(" on machine ").append(failed.machine())
                .append(", made by Zentoo\n\n");
        out.append("To report it at https://bugs.gentoo.org (Gentoo's own order):\n\n");
        out.append("1. Search for it first: an open bug for ").append(cpv).append(" with the same die message\n")
                .append("   (die.txt) only needs your emerge-info.txt as a comment.\n");
        out.append("2. New bug, product \"Gentoo Linux\", component \"Current packages\"")
                .append(overlay.isEmpty() ? "" : " (an overlay's package: report it to the overlay's tracker)")
                .append(".\n");
        out.append("3. Summary:\n       ").append(overlay).append(cpv).append(" - ").append(what).append('\n');
        out.append("4. Description: what failed, the error (the end of build.log before the ERROR block,\n")
                .append("   and die.txt), how to reproduce it (").append(failed.inputs().reproduceCommand())
                .append("),\n   then the whole of emerge-info.txt pasted in.\n");
        out.append("5. Attach build.log (the complete log, never an excerpt).\n");
        out.append("6. Attach environment and emerge-pqv.txt when a maintainer asks for them, or with the bug\n")
                .append("   when the failure depends on USE or on a dependency.\n\n");
        out.append("What only Zentoo adds (useful in a comment, or to you before you report):\n");
        for (String line : zentooLines) {
            out.append("- ").append(line).append('\n');
        }
        out.append("\nFiles from the failed build's container: emerge-info.txt (emerge --info '=").append(cpv)
                .append("'),\nemerge-pqv.txt (emerge -pqv '=").append(cpv)
                .append("'), build.log and environment (from /var/tmp/portage/").append(cpv)
                .append("/temp/),\nebuild (the ebuild that failed, as the repository had it).\n");
        return out.toString();
    }
}
