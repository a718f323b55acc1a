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
import org.zentoo.makeconf.UseLine;
import org.zentoo.makeconf.TokenStack;
import org.zentoo.makeconf.UseExpand;
import org.zentoo.render.MachineComposer;
import org.zentoo.set.SetDefinition;
import org.zentoo.site.Site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        stack.appendToOrderedList("ACCEPT_LICENSE", PackageFileOrder.globalLicenses(machine));
        Map<String, String> variables = stack.written();
        List<String> out = new ArrayList<>();
        out.add("Machine " + machine.id() + ": PROFILE=" + machine.profile() + " SEED=" + machine.seed()
                + " KERNEL=" + machine.kernel() + " SNAPSHOT=" + machine.snapshot());
        out.add("Stack: " + String.join(" > ", machine.stack().stream().map(SetDefinition::id).toList()));
        out.add("make.conf variables:");
        variables.forEach((k, v) -> out.add("  " + k + "=\"" + v + "\"" + origin(stack, k)));
        out.add("  (incremental variables are shown as written: Portage stacks them over make.globals and the profile)");
        TokenStack effective = stack.effectiveUse(PackageFileOrder.global(machine));
        Map<String, String> useExpand = useExpandValues(effective, stack.useExpand());
        describeFlags(effective, "  USE ", out);
        useExpand.forEach((name, value) -> out.add("  " + name + " (USE_EXPAND) = \"" + value + "\"  "
                + (stack.useExpandSince(name) != null ? "[replaces the profile's value, from " + stack.useExpandSince(name) + "]"
                : effective.clearedBy() != null ? "[the profile's value is cleared by USE=-*]"
                : "[as flags in USE, on top of the profile's value]")));

        PartitionKey key = PartitionKey.of(partitionInputs(variables));
        // The build keys the partition on Portage's values; config/ alone cannot name it when the profile decides some.
        out.add("Binpkg partition: " + (key.leftToProfile().isEmpty() ? key.id()
                : "not known offline: the build keys it on Portage's own " + String.join(", ", key.leftToProfile())
                + ", which the profile sets; zentoo:plan or explain without zentoo.explain.offline names it"));

        List<FlagState> packageUse = List.of();
        boolean profileKept = effective.clearedBy() == null;
        List<Conflict> conflicts = new ArrayList<>(stack.conflicts());
        conflicts.addAll(effective.conflicts());
        if (atomText != null && !atomText.isBlank()) {
            TokenStack use = packageUse(machine, effective, atom(atomText), out, atomText.strip());
            packageUse = List.copyOf(use.flags());
            profileKept = use.clearedBy() == null;
            conflicts.addAll(use.conflicts());
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

    /**
     * The set lines that put a package into the machine's @world, for a package as
     * Portage names it in a refusal: an atom ({@code app-misc/hello}, {@code cat/pkg:0})
     * or a package ({@code cat/pkg-1.0::repo}). Empty when no world line names it.
     */
    public static List<Origin> worldLines(Machine machine, String named) {
        String text = named.strip();
        int repo = text.indexOf("::");
        text = repo < 0 ? text : text.substring(0, repo);
        Atom atom = null;
        for (String candidate : List.of(text, "=" + text)) {
            try {
                atom = Atom.parse(candidate, AtomContext.PACKAGE_FILE);
                break;
            } catch (AtomSyntaxException e) {
                // a package with its version is an atom only after "="
            }
        }
        List<Origin> out = new ArrayList<>();
        if (atom == null || atom.category() == null) {
            return out;
        }
        for (Map.Entry<Atom, Origin> e : MachineComposer.worldOrigins(machine).entrySet()) {
            if (!e.getKey().isSet() && e.getKey().category().equals(atom.category())
                    && e.getKey().packageName().equals(atom.packageName())) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /**
     * The set line behind a line of a rendered {@code /etc/portage/package.*}{@code /NN-set}
     * file as Portage names it (line null: Portage named the file alone; the origin's
     * line is then 0), or null for a file that is not one of them.
     */
    public static Origin renderedLine(Machine machine, String file, Integer line) {
        return RenderedOrigins.setLine(machine, file, line);
    }

    private static Atom atom(String text) throws ConfigException {
        try {
            return Atom.parse(text.strip(), AtomContext.PACKAGE_FILE);
        } catch (AtomSyntaxException e) {
            throw new ConfigException("zentoo.atom", 0, e.getMessage());
        }
    }

    /**
     * USE as Portage computes it for the whole machine from its config/: make.conf's USE,
     * package.use's {@code *}{@code /*} lines, then the USE_EXPAND variables.
     */
    public static TokenStack globalUse(Site site, Machine machine) throws ConfigException {
        return MachineComposer.makeConf(site, machine.stack()).effectiveUse(PackageFileOrder.global(machine));
    }

    /**
     * The USE the machine's config/ gives a package: {@link #globalUse}, then the
     * package.use lines whose atom can match it, from the least to the most specific.
     * Flags it does not mention come from the profile and the ebuild's IUSE defaults,
     * unless {@link TokenStack#clearedBy()}.
     */
    public static TokenStack packageUse(Site site, Machine machine, String atom) throws ConfigException {
        return packageUse(machine, globalUse(site, machine), atom(atom), new ArrayList<>(), atom);
    }

    private static TokenStack packageUse(Machine machine, TokenStack global, Atom query, List<String> out,
                                         String label) {
        TokenStack use = global.copy();
        out.add("USE for " + label + " (global USE, then matching package.use lines from the least to the most "
                + "specific atom):");
        for (Map.Entry<Atom, List<UseLine>> e : PackageFileOrder.matching(machine, query)) {
            for (UseLine line : e.getValue()) {
                if (e.getKey().isRestricted()) {
                    out.add("  note: " + line.origin() + " applies only if " + e.getKey()
                            + " matches the version/slot/repository");
                }
                line.tokens().forEach(t -> use.apply(t, line.origin()));
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
