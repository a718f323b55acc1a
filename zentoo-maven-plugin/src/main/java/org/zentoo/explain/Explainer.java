package org.zentoo.explain;

import org.zentoo.atom.Atom;
import org.zentoo.atom.AtomContext;
import org.zentoo.atom.AtomSyntaxException;
import org.zentoo.binpkg.PartitionKey;
import org.zentoo.config.ConfigException;
import org.zentoo.machine.Machine;
import org.zentoo.makeconf.Conflict;
import org.zentoo.makeconf.FlagState;
import org.zentoo.makeconf.MakeConfStack;
import org.zentoo.makeconf.Origin;
import org.zentoo.makeconf.TokenStack;
import org.zentoo.makeconf.UseExpand;
import org.zentoo.render.MachineComposer;
import org.zentoo.set.Line;
import org.zentoo.set.SetDefinition;
import org.zentoo.site.Site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Says what a machine's stack makes of make.conf and of one package's USE, and which
 * set is responsible for each flag. It reports only what config/ decides: anything no
 * set mentions is left to the profile and the ebuild's IUSE defaults.
 */
public final class Explainer {

    private Explainer() {
    }

    public static Explanation explain(Site site, String machineId, String atomText, boolean strict)
            throws ConfigException {
        Machine machine = site.machine(machineId);
        MakeConfStack stack = MachineComposer.makeConf(site, machine.stack());
        Map<String, String> variables = stack.written();
        List<String> out = new ArrayList<>();
        out.add("Machine " + machine.id() + ": PROFILE=" + machine.profile() + " SEED=" + machine.seed()
                + " KERNEL=" + machine.kernel() + " SNAPSHOT=" + machine.snapshot());
        out.add("Stack: " + String.join(" > ", machine.stack().stream().map(SetDefinition::id).toList()));
        out.add("make.conf variables:");
        variables.forEach((k, v) -> out.add("  " + k + "=\"" + v + "\"" + origin(stack, k)));
        out.add("  (incremental variables are shown as written: Portage stacks them over make.globals and the profile)");
        TokenStack effective = stack.effectiveUse();
        Map<String, String> useExpand = useExpandValues(effective, stack.useExpand());
        describeFlags(effective, "  USE ", out);
        useExpand.forEach((name, value) -> out.add("  " + name + " (USE_EXPAND) = \"" + value + "\"  "
                + (stack.useExpandSince(name) != null ? "[replaces the profile's value, from " + stack.useExpandSince(name) + "]"
                : effective.clearedBy() != null ? "[the profile's value is cleared by USE=-*]"
                : "[as flags in USE, on top of the profile's value]")));

        PartitionKey key = PartitionKey.of(partitionInputs(variables));
        out.add("Binpkg partition: " + key.id() + (key.leftToProfile().isEmpty() ? ""
                : "  (left to the profile, not in the key: " + String.join(", ", key.leftToProfile()) + ")"));

        List<FlagState> packageUse = List.of();
        boolean profileKept = effective.clearedBy() == null;
        List<Conflict> conflicts = new ArrayList<>(stack.conflicts());
        if (atomText != null && !atomText.isBlank()) {
            TokenStack use = packageUse(machine, stack, atom(atomText), out, atomText.strip());
            packageUse = List.copyOf(use.flags());
            profileKept = use.clearedBy() == null;
            conflicts.addAll(use.conflicts().stream().filter(c -> !stack.conflicts().contains(c)).toList());
        }
        describeConflicts(conflicts, strict, out);
        return new Explanation(variables, useExpand, packageUse, profileKept, key, List.copyOf(conflicts), List.copyOf(out));
    }

    /** Lists conflicts; in strict mode the first one fails at the line that disabled the flag. */
    private static void describeConflicts(List<Conflict> conflicts, boolean strict, List<String> out)
            throws ConfigException {
        if (conflicts.isEmpty()) {
            out.add("Conflicts: none");
            return;
        }
        out.add("Conflicts (a flag one set enables and a later set disables):");
        conflicts.forEach(c -> out.add("  " + c));
        if (strict) {
            Conflict c = conflicts.get(0);
            throw new ConfigException(c.disabledBy().file(), c.disabledBy().line(), "conflict (zentoo.strict): " + c
                    + "; expected each flag to be decided once, or not strict mode");
        }
    }

    /**
     * The partition key from what config/ says. Variables no set assigns are left to
     * the profile and missing from the key; a build that can ask Portage
     * ({@code portageq envvar CHOST CFLAGS ...}) should key on Portage's answer instead.
     */
    public static PartitionKey partitionKey(Site site, Machine machine) throws ConfigException {
        return PartitionKey.of(partitionInputs(MachineComposer.makeConf(site, machine.stack()).written()));
    }

    private static Atom atom(String text) throws ConfigException {
        try {
            return Atom.parse(text.strip(), AtomContext.PACKAGE_FILE);
        } catch (AtomSyntaxException e) {
            throw new ConfigException("zentoo.atom", 0, e.getMessage());
        }
    }

    private static TokenStack packageUse(Machine machine, MakeConfStack stack, Atom query, List<String> out,
                                         String label) {
        TokenStack use = stack.effectiveUse();
        out.add("USE for " + label + " (make.conf USE, then package.use lines matching it, in stack order):");
        for (SetDefinition set : machine.stack()) {
            for (Line line : set.packageFiles().getOrDefault("package.use", List.of())) {
                Atom atom;
                try {
                    atom = Atom.parse(line.first(), AtomContext.PACKAGE_FILE);
                } catch (AtomSyntaxException e) {
                    throw new IllegalStateException("checked when the set was read", e);
                }
                if (!atom.appliesTo(query.category(), query.packageName())) {
                    continue;
                }
                Origin origin = new Origin(set.id(), set.file("package.use"), line.number());
                if (atom.isRestricted()) {
                    out.add("  note: " + origin + " applies only if " + atom + " matches the version/slot/repository");
                }
                String prefix = "";
                for (String w : line.rest()) {
                    if (w.endsWith(":")) {
                        prefix = w.substring(0, w.length() - 1).toLowerCase(Locale.ROOT) + "_";
                    } else if (prefix.isEmpty()) {
                        use.apply(w, origin);
                    } else if (w.equals("-*")) {
                        use.apply("-" + prefix + "*", origin);
                    } else {
                        use.apply(w.startsWith("-") ? "-" + prefix + w.substring(1) : prefix + w, origin);
                    }
                }
            }
        }
        describeFlags(use, "  ", out);
        return use;
    }

    private static void describeFlags(TokenStack use, String indent, List<String> out) {
        if (use.clearedBy() != null) {
            out.add(indent + "-* by " + use.clearedBy() + ": the profile's USE and the ebuild's IUSE defaults (+flag) are cleared");
        }
        use.prefixClears().forEach((p, o) -> out.add(indent + p + "*: the profile's and earlier " + p
                + " flags are cleared by " + o));
        for (FlagState f : use.flags()) {
            out.add(indent + f.flag() + ": " + (f.enabled() ? "on" : "off") + " by " + f.origin());
        }
        if (use.clearedBy() == null) {
            out.add(indent + "(other flags: as the profile and the ebuild's IUSE defaults say)");
        }
    }

    private static String origin(MakeConfStack stack, String name) {
        var plain = stack.plain().get(name);
        return plain == null ? "" : "  from " + plain.origin();
    }

    /** Each USE_EXPAND variable the effective USE mentions, as Portage's emerge --info would show its enabled values. */
    static Map<String, String> useExpandValues(TokenStack use, UseExpand useExpand) {
        Map<String, String> out = new TreeMap<>();
        for (String name : useExpand.names()) {
            String prefix = UseExpand.prefix(name);
            boolean replaced = use.clearedBy() != null || use.prefixClears().containsKey(prefix);
            List<String> tokens = new ArrayList<>();
            for (FlagState f : use.flags()) {
                if (f.flag().startsWith(prefix) && (f.enabled() || !replaced)) {
                    tokens.add((f.enabled() ? "" : "-") + f.flag().substring(prefix.length()));
                }
            }
            if (!tokens.isEmpty() || use.prefixClears().containsKey(prefix)) {
                out.put(name, String.join(" ", tokens));
            }
        }
        return out;
    }

    static Map<String, String> partitionInputs(Map<String, String> variables) {
        Map<String, String> in = new LinkedHashMap<>();
        for (String v : PartitionKey.VARIABLES) {
            if (variables.containsKey(v)) {
                in.put(v, variables.get(v));
            }
        }
        return in;
    }
}
