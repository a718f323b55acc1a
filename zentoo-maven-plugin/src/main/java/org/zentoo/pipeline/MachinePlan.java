package org.zentoo.pipeline;

import org.zentoo.step.PlanReport;
import org.zentoo.step.PortageRefusal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.Set;

/**
 * What Portage would do for one machine in its partition, and what that means
 * for the user: the lines the plan prints, the refusals that stop the machine
 * before any compile, and the site lines that ask for a flag the profile masks
 * or forces the other way.
 */
public record MachinePlan(String machine, String partition, PlanReport report) {

    /** The per-machine lines: a head line, then every compile with its reason, then every reuse. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("plan: " + report.compiled().size() + " to compile, " + report.reused().size() + " reused");
        for (PlanReport.Planned p : report.compiled()) {
            out.add("  compile " + p.cpv() + use(p) + ": " + p.reason().text()
                    + (p.detail().isBlank() ? "" : " (" + p.detail() + ")"));
        }
        for (PlanReport.Planned p : report.reused()) {
            out.add("  reuse   " + p.cpv() + use(p));
        }
        return out;
    }

    private static String use(PlanReport.Planned p) {
        return " USE=\"" + String.join(" ", p.use()) + "\"";
    }

    /**
     * Why Portage refuses the machine's @world, in the site's words: the package,
     * the set line that put it into @world, the constraint or mask with the set
     * lines behind it, what to do, then Portage's own decisive lines. Empty when
     * it does not refuse.
     */
    public List<String> refusals(SiteUse site) {
        List<String> out = new ArrayList<>();
        List<PlanReport.RequiredUse> required = new ArrayList<>(report.requiredUse());
        List<PlanReport.Masked> masked = new ArrayList<>(report.masked());
        List<PlanReport.Missing> missing = new ArrayList<>(report.missing());
        for (PortageRefusal.Problem p : report.portage().problems()) {
            String what = switch (p.kind()) {
                case NO_EBUILDS -> take(missing, m -> m.atom().equals(p.atom())).map(this::missing)
                        .orElse(p.kind().text() + ". Correct the atom, or add the repository that has it.");
                case MASKED -> take(masked, m -> m.atom().equals(p.atom())).map(m -> masked(m, site))
                        .orElse(p.kind().text() + (p.maskFile().isBlank() ? "" : " (" + mapped(site, p.maskFile())
                                + ")") + ". Unmask it (package.unmask, package.accept_keywords or package.license"
                                + " in a set) or remove it from the machine's packages.");
                case REQUIRED_USE -> take(required, r -> r.cp().equals(cp(p.atom()))).map(r -> requiredUse(r, site))
                        .orElse(p.kind().text() + ". Change the set lines that set its flags.");
                case NO_BINPKG -> p.kind().text() + ". Run zentoo:build first, or check that the machine's"
                        + " config did not change since the build.";
                case BLOCKER -> p.kind().text() + ". Keep only one of them in the machine's @world.";
                case SLOT_CONFLICT -> p.kind().text() + ". Mask one of the versions (package.mask in a set), or"
                        + " remove one of the packages that need them from the machine's packages.";
            };
            StringBuilder line = new StringBuilder(p.atom()).append(asked(site, p)).append(": ").append(what);
            p.portage().forEach(l -> line.append("\n    Portage: ").append(l));
            out.add(line.toString());
        }
        // What plan.py found that emerge's output did not show in a form Zentoo reads.
        missing.forEach(m -> out.add(m.atom() + asked(site, m.atom()) + ": " + missing(m)));
        required.forEach(r -> out.add(requiredUse(r, site)));
        masked.forEach(m -> out.add(m.atom() + asked(site, m.atom()) + ": " + masked(m, site)));
        if (out.isEmpty()) {
            for (String u : report.unexplained()) {
                out.add("emerge --pretend refused @world (" + u + ").");
            }
        }
        return out;
    }

    private String missing(PlanReport.Missing m) {
        List<String> similar = m.similar();
        return "no package of that name is in the machine's repositories"
                + (similar.isEmpty() ? "" : similar.size() == 1 ? "; maybe you meant " + similar.get(0) + "?"
                : "; maybe you meant any of these: " + String.join(", ", similar) + "?")
                + " Correct the atom, or add the repository that has it (repos.conf in a set).";
    }

    private String masked(PlanReport.Masked m, SiteUse site) {
        return "every version is masked; " + m.cpv() + " by " + m.reasons()
                + (m.where().isBlank() ? "" : " at " + mapped(site, m.where()))
                + (m.comment().isBlank() ? "" : " (\"" + m.comment() + "\")")
                + ". Unmask it (package.unmask in a set) or remove it from the machine's packages.";
    }

    private String requiredUse(PlanReport.RequiredUse r, SiteUse site) {
        List<String> flags = new ArrayList<>();
        for (String state : r.flagStates()) {
            boolean on = !state.startsWith("-");
            String flag = on ? state : state.substring(1);
            SiteUse.Decided d = site.decided(machine, r.cp(), flag);
            flags.add(flag + " " + (on ? "on" : "off") + (d != null && d.enabled() == on
                    ? " by " + d.origin() : " (no set line: the profile or the ebuild's IUSE default)"));
        }
        return r.cpv() + ": REQUIRED_USE \"" + r.constraint() + "\" is not met"
                + (r.unsatisfied().isBlank() || r.unsatisfied().equals(r.constraint()) ? ""
                : " (unsatisfied: " + r.unsatisfied() + ")")
                + "; the machine gives it " + String.join(", ", flags)
                + ". Change those set lines so that the constraint holds.";
    }

    /** A rendered /etc/portage file (and line) as the set line it came from; any other file as it is. */
    private String mapped(SiteUse site, String where) {
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
    private String asked(SiteUse site, PortageRefusal.Problem p) {
        if (p.pulledBy().isEmpty()) {
            return asked(site, p.atom());
        }
        List<String> by = new ArrayList<>();
        for (String parent : p.pulledBy()) {
            List<String> lines = site.worldLines(machine, parent);
            by.add(lines.isEmpty() ? parent : parent + " at " + String.join(", ", lines));
        }
        return " (pulled into @world by " + String.join("; ", by) + ")";
    }

    private String asked(SiteUse site, String atom) {
        List<String> lines = site.worldLines(machine, atom);
        return lines.isEmpty() ? "" : " (asked for by " + String.join(", ", lines) + ")";
    }

    /** cat/pkg of an atom as Portage prints it (operators, slot, repository and a version off). */
    private static String cp(String atom) {
        String text = atom.replaceFirst("^[<>=~!]+", "").replaceFirst(":.*$", "");
        return text.replaceFirst("-\\d[^/]*$", "");
    }

    private static <T> Optional<T> take(List<T> list, Predicate<T> match) {
        for (int i = 0; i < list.size(); i++) {
            if (match.test(list.get(i))) {
                return Optional.of(list.remove(i));
            }
        }
        return Optional.empty();
    }

    /**
     * Site lines that ask for a flag the profile masks (always off) or forces
     * (always on) the other way, each naming the set's file:line and the
     * profile file.
     */
    public List<String> profileConflicts(SiteUse site) {
        Set<String> out = new LinkedHashSet<>();
        for (PlanReport.ProfileFlag f : report.profileFlags()) {
            SiteUse.Decided d = site.decided(machine, f.cp(), f.flag());
            if (d == null || d.enabled() != f.masked()) {
                continue;
            }
            out.add(d.origin() + " turns " + f.flag() + (d.enabled() ? " on" : " off") + " for " + f.cp()
                    + ", but the profile " + (f.masked() ? "masks" : "forces") + " it (" + f.profileFile()
                    + "): Portage builds " + f.cpv() + " with " + f.flag() + (f.masked() ? " off" : " on")
                    + ". Remove the set line, or choose a profile that allows it.");
        }
        return List.copyOf(out);
    }
}
