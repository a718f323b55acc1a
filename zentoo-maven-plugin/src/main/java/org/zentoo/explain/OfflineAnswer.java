package org.zentoo.explain;

import org.zentoo.config.ConfigException;
import org.zentoo.kernel.KernelOptions;
import org.zentoo.site.Site;

import java.util.ArrayList;
import java.util.List;

/**
 * explain's answer from config/ alone, for when Portage cannot be asked: what
 * the sets say, their conflicts and the kernel options. Its first line says
 * plainly what was not consulted.
 */
public final class OfflineAnswer {

    /** The first line of an answer that did not ask Portage; {@code %s} says why. */
    public static final String FIRST_LINE = "OFFLINE: the profile and the ebuilds' IUSE defaults were NOT"
            + " consulted; below is only what config/ says (%s)";

    /** One line of the answer; a warning is printed as one. */
    public record Line(boolean warning, String text) {
    }

    private OfflineAnswer() {
    }

    /**
     * @param atom a package, or null; {@code @world} has no config-only answer
     * @param why  why Portage was not asked
     * @throws ConfigException a bad site, or under {@code strict} a conflict
     */
    public static List<Line> of(Site site, String machine, String atom, boolean strict, String why)
            throws ConfigException {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(true, String.format(FIRST_LINE, why)));
        String single = atom == null || atom.isBlank() || atom.strip().startsWith("@") ? null : atom;
        Explanation e = Explainer.explain(site, machine, single, strict);
        e.lines().forEach(l -> lines.add(new Line(false, l)));
        e.conflicts().forEach(c -> lines.add(new Line(true, "conflict: " + c)));
        KernelOptions kernel = KernelOptions.of(site.machine(machine).stack());
        if (!kernel.options().isEmpty()) {
            lines.add(new Line(false, "kernel options (kernel.config fragments, later sets win):"));
            kernel.options().forEach(o -> lines.add(new Line(false, "  " + o.name() + "=" + o.value() + "  from "
                    + o.origin())));
        }
        kernel.conflicts().forEach(c -> lines.add(new Line(true, "kernel conflict: " + c)));
        if (strict) {
            kernel.failOnConflict();
        }
        return lines;
    }
}
