package org.zentoo.step;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why emerge refused a machine's @world before it compiled anything, read from
 * its own output (Portage 3.0's wording, the lines captured from the test stage
 * are the unit tests' resources). Each {@link Problem} keeps Portage's decisive
 * lines word for word, the atom it names, and the atoms of @world that pulled
 * it in, so that a message can name the set line behind each.
 *
 * <p>Lines may carry plan.py's {@code [emerge] } prefix; it is taken off.
 */
public final class PortageRefusal implements Consumer<String> {

    /** What kind of refusal Portage printed. */
    public enum Kind {
        /** No ebuild in any repository matches the atom: a misspelled or missing package. */
        NO_EBUILDS("no package in the machine's repositories matches it"),
        /** --usepkgonly: no binpkg in the partition matches (or none with the USE the machine asks for). */
        NO_BINPKG("no binpkg in the partition can satisfy it"),
        /** Every version is masked: package.mask, keywords, licence, EAPI. */
        MASKED("every version that could satisfy it is masked"),
        /** The chosen ebuild's REQUIRED_USE does not hold with the machine's USE. */
        REQUIRED_USE("its REQUIRED_USE is not met by the machine's USE"),
        /** Two packages of @world block each other. */
        BLOCKER("packages of @world block each other"),
        /** Two versions of one package are needed in one slot. */
        SLOT_CONFLICT("two versions of it are needed in one slot");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * One refusal: its kind, the atom Portage names, Portage's own lines, the
     * package.mask (or profile) file Portage names for a mask ({@code ""} if none),
     * and the packages that pulled it in as Portage names them (atoms or
     * {@code cat/pkg-ver::repo}; empty when the atom itself is a member of @world).
     */
    public record Problem(Kind kind, String atom, List<String> portage, String maskFile, List<String> pulledBy) {
    }

    private static final String PREFIX = "[emerge] ";
    private static final Pattern NONE = Pattern.compile(
            "^emerge: there are no (ebuilds|binary packages|ebuilds built with USE flags) to satisfy \"([^\"]+)\"");
    private static final Pattern MASKED = Pattern.compile("^!!! All ebuilds that could satisfy \"([^\"]+)\" have been masked");
    private static final Pattern REQUIRED = Pattern.compile(
            "^!!! The ebuild selected to satisfy \"([^\"]+)\" has unmet requirements");
    private static final Pattern BLOCKS = Pattern.compile("^\\[blocks B *\\] (\\S+)");
    private static final Pattern SLOT = Pattern.compile("^!!! Multiple package instances within a single package slot");
    private static final Pattern REQUIRED_BY = Pattern.compile("^\\(dependency required by \"([^\"]+)\" \\[(\\w+)\\]\\)");
    /** A pulled-in-by line of a blocker or slot conflict: {@code ATOM required by @SET}. */
    private static final Pattern PULLED_BY_SET = Pattern.compile("^\\s+(\\S+) required by @\\S+\\s*$");
    /** The package a slot conflict's atom is required by: {@code ATOM required by (CPV:SLOT/SUB::REPO, ...)}. */
    private static final Pattern PARENT = Pattern.compile(" required by \\(([^:,\\s]+)");
    private static final Pattern MASK_LINE = Pattern.compile("^- \\S+ \\(masked by: .*\\)$");

    private final List<Problem> problems = new ArrayList<>();
    /** The problem being read, and what it still collects. */
    private Kind kind;
    private String atom;
    private List<String> portage;
    private String maskFile;
    private Set<String> world;
    private boolean chainStarted;
    private boolean chainOwn;
    private boolean inBlock;

    @Override
    public void accept(String raw) {
        String line = raw.startsWith(PREFIX) ? raw.substring(PREFIX.length()) : raw;
        Matcher m;
        if ((m = NONE.matcher(line)).find()) {
            start(m.group(1).equals("ebuilds") ? Kind.NO_EBUILDS : Kind.NO_BINPKG, m.group(2), line);
        } else if ((m = MASKED.matcher(line)).find()) {
            start(Kind.MASKED, m.group(1), line);
        } else if ((m = REQUIRED.matcher(line)).find()) {
            start(Kind.REQUIRED_USE, m.group(1), line);
        } else if ((m = BLOCKS.matcher(line)).find()) {
            start(Kind.BLOCKER, m.group(1), line.strip());
            inBlock = false;
        } else if (SLOT.matcher(line).find()) {
            start(Kind.SLOT_CONFLICT, null, line);
        } else if (kind != null) {
            more(line);
        }
    }

    private void start(Kind kind, String atom, String line) {
        finish();
        this.kind = kind;
        this.atom = atom;
        this.portage = new ArrayList<>(List.of(line));
        this.maskFile = "";
        this.world = new LinkedHashSet<>();
        this.chainStarted = false;
        this.chainOwn = true;
        this.inBlock = true;
    }

    private void more(String line) {
        Matcher by = REQUIRED_BY.matcher(line);
        if (by.find()) {
            // The chain runs from the package's parent up to @world; the last package before the
            // first set is the member of @world that pulled the atom in.
            if (chainOwn) {
                portage.add(line);
                if ("set".equals(by.group(2))) {
                    chainOwn = false;
                } else {
                    world.clear();
                    world.add(by.group(1));
                }
            }
            chainStarted = true;
            return;
        }
        if (chainStarted) {
            finish();
            return;
        }
        switch (kind) {
            case MASKED -> {
                if (MASK_LINE.matcher(line).matches() || line.startsWith("!!! One of the following")) {
                    portage.add(line);
                } else if (line.startsWith("/") && line.endsWith(":") && maskFile.isEmpty()) {
                    maskFile = line.substring(0, line.length() - 1);
                    portage.add(line);
                } else if (line.startsWith("#") && !line.startsWith("# From ")) {
                    portage.add(line);
                }
            }
            case REQUIRED_USE -> {
                if (!line.isBlank() && !line.startsWith("(")) {
                    portage.add(line.strip());
                }
            }
            case BLOCKER, SLOT_CONFLICT -> {
                if (atom == null && !line.isBlank() && !line.startsWith("!!!")) {
                    atom = line.strip();
                    portage.add(line.strip());
                    return;
                }
                Matcher pulled = PULLED_BY_SET.matcher(line);
                if (pulled.matches()) {
                    world.add(pulled.group(1));
                }
                Matcher parent = PARENT.matcher(line);
                if (parent.find()) {
                    world.add(parent.group(1));
                }
                if (line.contains("pulled in by") || line.contains(" required by ")) {
                    portage.add(line.strip());
                }
                // A slot conflict's explanation ends the problem; so does the blocker's hint.
                if (line.startsWith("It may be possible") || line.startsWith("For more information")) {
                    finish();
                }
            }
            default -> {
            }
        }
    }

    private void finish() {
        if (kind == null) {
            return;
        }
        problems.add(new Problem(kind, atom == null ? "" : atom, List.copyOf(portage), maskFile, List.copyOf(world)));
        kind = null;
    }

    /** Every refusal read so far, in Portage's order. */
    public List<Problem> problems() {
        List<Problem> all = new ArrayList<>(problems);
        if (kind != null) {
            all.add(new Problem(kind, atom == null ? "" : atom, List.copyOf(portage), maskFile, List.copyOf(world)));
        }
        return List.copyOf(all);
    }

    public boolean refused() {
        return !problems().isEmpty();
    }

    /** Whether emerge refused before it merged anything, as {@code report} counted it. */
    public boolean before(EmergeReport report) {
        return refused() && report.compiled().isEmpty() && report.fromBinary().isEmpty();
    }

    /**
     * The problems in a few lines each, for a step's failure message when no
     * site lines are at hand: what Portage refused, and its own words.
     */
    public String summary() {
        StringBuilder out = new StringBuilder("Portage refused @world before compiling anything:");
        for (Problem p : problems()) {
            out.append("\n  ").append(p.atom()).append(": ").append(p.kind().text())
                    .append(p.pulledBy().isEmpty() ? "" : " (pulled in by " + String.join(", ", p.pulledBy()) + ")");
            p.portage().forEach(l -> out.append("\n    Portage: ").append(l));
        }
        return out.toString();
    }
}
