package org.zentoo.pipeline;

import org.zentoo.step.PlanReport;

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
public record MachinePlan(String machine, String partition, String platform, PlanReport report) {

    /** A plan of a machine of the usual platform, linux/amd64. */
    public MachinePlan(String machine, String partition, PlanReport report) {
        this(machine, partition, "linux/amd64", report);
    }

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
        Refusals words = new Refusals(machine, site);
        List<PlanReport.RequiredUse> required = new ArrayList<>(report.requiredUse());
        List<PlanReport.Masked> masked = new ArrayList<>(report.masked());
        List<PlanReport.Missing> missing = new ArrayList<>(report.missing());
        // plan.py's answers from Portage's API say more than emerge's output: used where they fit.
        List<String> out = new ArrayList<>(words.lines(report.portage(), p -> switch (p.kind()) {
            case NO_EBUILDS -> take(missing, m -> m.atom().equals(p.atom())).map(this::missing).orElse(null);
            case MASKED -> take(masked, m -> m.atom().equals(p.atom())).map(m -> masked(m, words)).orElse(null);
            case REQUIRED_USE -> take(required, r -> r.cp().equals(cp(p.atom()))).map(r -> requiredUse(r, site))
                    .orElse(null);
            default -> null;
        }));
        // What plan.py found that emerge's output did not show in a form Zentoo reads.
        missing.forEach(m -> out.add(m.atom() + words.asked(m.atom()) + ": " + missing(m)));
        required.forEach(r -> out.add(requiredUse(r, site)));
        masked.forEach(m -> out.add(m.atom() + words.asked(m.atom()) + ": " + masked(m, words)));
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

    private String masked(PlanReport.Masked m, Refusals words) {
        return "every version is masked; " + m.cpv() + " by " + m.reasons()
                + (m.where().isBlank() ? "" : " at " + words.mapped(m.where()))
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
