package org.zentoo.pipeline;

import org.zentoo.step.PortageRefusal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Portage's refusal of a machine's @world in the site's words, the same for
 * zentoo:plan, build and assemble: each refused atom with the set line that put
 * it into @world (or what pulled it in, with that one's line), what it means
 * and what to do, then Portage's own decisive lines; at the end the log that
 * holds all of emerge's output.
 */
public final class Refusals {

    private final String machine;
    private final SiteUse site;

    public Refusals(String machine, SiteUse site) {
        this.machine = machine;
        this.site = site;
    }

    /** The exception a refused machine fails with; {@code stopped} says what did not happen. */
    public PlanRefusedException failure(String stopped, List<String> lines, Path log) {
        return new PlanRefusedException(machine, "Portage refuses this machine's @world (" + stopped + "):\n  "
                + String.join("\n  ", lines) + "\n  Portage's whole output: " + log);
    }

    /** Every problem of {@code portage}, each worded by {@code what} or, where it answers null, by its kind. */
    public List<String> lines(PortageRefusal portage, Function<PortageRefusal.Problem, String> what) {
        List<String> out = new ArrayList<>();
        for (PortageRefusal.Problem p : portage.problems()) {
            String said = what.apply(p);
            StringBuilder line = new StringBuilder(p.atom()).append(asked(p)).append(": ")
                    .append(said != null ? said : byKind(p));
            p.portage().forEach(l -> line.append("\n    Portage: ").append(l));
            out.add(line.toString());
        }
        return out;
    }

    private String byKind(PortageRefusal.Problem p) {
        return p.kind().text() + switch (p.kind()) {
            case NO_EBUILDS -> ". Correct the atom, or add the repository that has it (repos.conf in a set).";
            case MASKED -> (p.maskFile().isBlank() ? "" : " (" + mapped(p.maskFile()) + ")")
                    + ". Unmask it (package.unmask, package.accept_keywords or package.license in a set) or remove"
                    + " it from the machine's packages.";
            case REQUIRED_USE -> ". Change the set lines that set its flags (zentoo:explain names them).";
            case NO_BINPKG -> ". Run zentoo:build first, or check that the machine's config did not change since"
                    + " the build.";
            case BLOCKER -> ". Keep only one of them in the machine's @world.";
            case SLOT_CONFLICT -> ". Mask one of the versions (package.mask in a set), or remove one of the"
                    + " packages that need them from the machine's packages.";
        };
    }

    /** A rendered /etc/portage file (and line) as the set line it came from; any other file as it is. */
    String mapped(String where) {
        int colon = where.lastIndexOf(':');
        String file = where;
        int line = 0;
        if (colon > 0 && where.substring(colon + 1).matches("\\d+")) {
            file = where.substring(0, colon);
            line = Integer.parseInt(where.substring(colon + 1));
        }
        String set = site.renderedLine(machine, file, line);
        return set == null ? where : set;
    }

    /** Where @world asks for the package: the set line, or what pulled it in and that one's set line. */
    private String asked(PortageRefusal.Problem p) {
        if (p.pulledBy().isEmpty()) {
            return asked(p.atom());
        }
        List<String> by = new ArrayList<>();
        for (String parent : p.pulledBy()) {
            List<String> lines = site.worldLines(machine, parent);
            by.add(lines.isEmpty() ? parent : parent + " at " + String.join(", ", lines));
        }
        return " (pulled into @world by " + String.join("; ", by) + ")";
    }

    /** " (asked for by config/sets/…/packages:LINE)", or nothing when no world line names it. */
    String asked(String atom) {
        List<String> lines = site.worldLines(machine, atom);
        return lines.isEmpty() ? "" : " (asked for by " + String.join(", ", lines) + ")";
    }
}
