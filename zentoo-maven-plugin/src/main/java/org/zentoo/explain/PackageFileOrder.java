package org.zentoo.explain;

import org.zentoo.atom.Atom;
import org.zentoo.atom.AtomContext;
import org.zentoo.atom.AtomSyntaxException;
import org.zentoo.machine.Machine;
import org.zentoo.makeconf.Origin;
import org.zentoo.makeconf.UseLine;
import org.zentoo.set.Line;
import org.zentoo.set.PackageUseTokens;
import org.zentoo.set.SetDefinition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * package.use and package.license as Portage applies them (UseManager, LicenseManager,
 * Portage 3.0.83). Lines for exactly {@code *}{@code /*} are taken out and appended to
 * make.conf's USE or ACCEPT_LICENSE; the other package.use lines matching a package
 * apply from the least to the most specific atom, whatever their file order, and lines
 * with the same atom apply in file order.
 */
final class PackageFileOrder {

    private static final String EVERY_PACKAGE = "*/*";

    private PackageFileOrder() {
    }

    /** The {@code *}{@code /*} lines of the stack, in the order Portage reads the numbered files. */
    static List<UseLine> global(Machine machine) {
        List<UseLine> out = new ArrayList<>();
        forEachLine(machine, (atom, line) -> {
            if (atom.text().equals(EVERY_PACKAGE)) {
                out.add(line);
            }
        });
        return out;
    }

    /** The license tokens of package.license's {@code *}{@code /*} lines, which Portage appends to ACCEPT_LICENSE. */
    static List<String> globalLicenses(Machine machine) {
        List<String> out = new ArrayList<>();
        for (SetDefinition set : machine.stack()) {
            for (Line line : set.packageFiles().getOrDefault("package.license", List.of())) {
                if (line.first().equals(EVERY_PACKAGE)) {
                    out.addAll(line.rest());
                }
            }
        }
        return out;
    }

    /** The other lines that can match {@code query}, in the order Portage applies them. */
    static List<Map.Entry<Atom, List<UseLine>>> matching(Machine machine, Atom query) {
        Map<String, Atom> atoms = new LinkedHashMap<>();
        Map<String, List<UseLine>> lines = new LinkedHashMap<>();
        forEachLine(machine, (atom, line) -> {
            if (!atom.text().equals(EVERY_PACKAGE) && atom.appliesTo(query.category(), query.packageName())) {
                atoms.putIfAbsent(atom.text(), atom);
                lines.computeIfAbsent(atom.text(), k -> new ArrayList<>()).add(line);
            }
        });
        List<String> order = new ArrayList<>(atoms.keySet());
        List<String> firstSeen = List.copyOf(order);
        // Portage repeatedly takes the most specific atom, the first one read winning a
        // tie, then reverses: so ties apply in reverse reading order.
        order.sort(Comparator.comparingInt((String k) -> specificity(atoms.get(k)))
                .thenComparing(Comparator.comparingInt(firstSeen::indexOf).reversed()));
        List<Map.Entry<Atom, List<UseLine>>> out = new ArrayList<>();
        order.forEach(k -> out.add(Map.entry(atoms.get(k), lines.get(k))));
        return out;
    }

    /** Portage's best_match_to_list ranking: wildcards lowest, then plain, ranges, slots, ~, =. */
    static int specificity(Atom atom) {
        if (atom.category().contains("*") || atom.packageName().contains("*")) {
            return -1;
        }
        int op;
        if (atom.operator() == null) {
            op = 1;
        } else if (atom.operator().equals("=")) {
            op = atom.versionGlob() ? 4 : 6;
        } else if (atom.operator().equals("~")) {
            op = 5;
        } else {
            op = 2;
        }
        return atom.slot() != null ? Math.max(3, op) : op;
    }

    private interface LineVisitor {
        void visit(Atom atom, UseLine line);
    }

    private static void forEachLine(Machine machine, LineVisitor visitor) {
        for (SetDefinition set : machine.stack()) {
            for (Line line : set.packageFiles().getOrDefault("package.use", List.of())) {
                Atom atom;
                try {
                    atom = Atom.parse(line.first(), AtomContext.PACKAGE_FILE);
                } catch (AtomSyntaxException e) {
                    throw new IllegalStateException("checked when the set was read", e);
                }
                visitor.visit(atom, new UseLine(PackageUseTokens.expand(line.rest()),
                        new Origin(set.id(), set.file("package.use"), line.number())));
            }
        }
    }
}
