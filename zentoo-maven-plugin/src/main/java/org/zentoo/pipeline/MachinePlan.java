package org.zentoo.pipeline;

import org.zentoo.step.PlanReport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
     * the constraint or mask, and the set lines that gave each flag its state.
     * Empty when it does not refuse.
     */
    public List<String> refusals(SiteUse site) {
        List<String> out = new ArrayList<>();
        for (PlanReport.RequiredUse r : report.requiredUse()) {
            List<String> flags = new ArrayList<>();
            for (String state : r.flagStates()) {
                boolean on = !state.startsWith("-");
                String flag = on ? state : state.substring(1);
                SiteUse.Decided d = site.decided(machine, r.cp(), flag);
                flags.add(flag + " " + (on ? "on" : "off") + (d != null && d.enabled() == on
                        ? " by " + d.origin() : " (no set line: the profile or the ebuild's IUSE default)"));
            }
            out.add(r.cpv() + ": REQUIRED_USE \"" + r.constraint() + "\" is not met"
                    + (r.unsatisfied().isBlank() || r.unsatisfied().equals(r.constraint()) ? ""
                    : " (unsatisfied: " + r.unsatisfied() + ")")
                    + "; the machine gives it " + String.join(", ", flags)
                    + ". Change those set lines so that the constraint holds.");
        }
        for (PlanReport.Masked m : report.masked()) {
            out.add(m.atom() + ": every version is masked; " + m.cpv() + " by " + m.reasons()
                    + (m.where().isBlank() ? "" : " at " + m.where())
                    + (m.comment().isBlank() ? "" : " (\"" + m.comment() + "\")")
                    + ". Unmask it (package.unmask in a set) or remove it from the machine's packages.");
        }
        for (String u : report.unexplained()) {
            out.add("emerge --pretend refused @world (" + u + "); see the plan log.");
        }
        return out;
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
