package org.zentoo.bugreport;

import org.zentoo.files.Trees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.zentoo.files.Trees;
/** The sections every report has, before any the pipeline adds and before README.txt. */
public final class StandardSections {

    public static final String DIE = "die.txt";
    public static final String ETC_PORTAGE = "etc-portage/";
    public static final String EXPLAIN = "explain.json";
    public static final String REPRODUCE = "reproduce.sh";

    private StandardSections() {
    }

    /** die.txt: phase, die's words, the ebuild line and Portage's call stack. */
    public static ReportSection die() {
        return new FileSection(DIE, f -> f.die() == null ? null : f.die().text(),
                DIE + ": the phase, die's message and the ebuild line that called die (for the bug's summary)");
    }

    /** The machine's rendered /etc/portage as the build saw it, set-origin comments and all. */
    public static ReportSection etcPortage(Path rendered) {
        return new ReportSection() {
            @Override
            public List<String> files() {
                return List.of(ETC_PORTAGE);
            }

            @Override
            public void write(FailedPackage failed) throws IOException {
                Trees.copy(rendered, failed.directory().resolve(ETC_PORTAGE.substring(0, ETC_PORTAGE.length() - 1)));
            }

            @Override
            public String readmeLine() {
                return "etc-portage/: the machine's /etc/portage as Zentoo rendered it; each file says which"
                        + " set of config/ each line came from";
            }
        };
    }

    /**
     * explain.json: Portage's explain answer for the package (each flag and the line
     * that decides it), mapped onto config/ by {@code mapping}; the raw answer is removed.
     */
    public static ReportSection explain(UnaryOperator<String> mapping) {
        return new ReportSection() {
            @Override
            public List<String> files() {
                return List.of(EXPLAIN);
            }

            @Override
            public void write(FailedPackage failed) throws IOException {
                Path raw = failed.directory().resolve(CollectedFiles.PORTAGE_EXPLAIN);
                if (!Files.isRegularFile(raw)) {
                    return;
                }
                String answer = Files.readString(raw).strip();
                Files.delete(raw);
                if (!answer.isEmpty()) {
                    String mapped = mapping.apply(answer);
                    Files.writeString(failed.directory().resolve(EXPLAIN), (mapped == null ? answer : mapped) + "\n");
                }
            }

            @Override
            public String readmeLine() {
                return EXPLAIN + ": each USE flag of the package and the config line (set, profile or ebuild)"
                        + " that decides it, as Portage computes it";
            }
        };
    }

    /** inputs.properties: seed, snapshot, partition, platform and CHOST, the emerge command. */
    public static ReportSection inputs() {
        return new FileSection(ReportInputs.FILE, f -> f.inputs().text(), ReportInputs.FILE
                + ": the seed digest, snapshot, binpkg partition, platform, CHOST and emerge command of the build");
    }

    /** reproduce.sh, the plain docker commands, made by the pipeline. */
    public static ReportSection reproduce(FileSection.Content script) {
        return new FileSection(REPRODUCE, script, REPRODUCE + ": the same failure again with plain docker, for"
                + " anyone without Maven (on a host with the same volumes); mvn zentoo:reproduce"
                + " -Dzentoo.bugreport=<this directory or its tar.gz> does the same and compares the failure");
    }

    /** Copies a tree; symlinks stay symlinks (make.profile points into the repository). */
}
