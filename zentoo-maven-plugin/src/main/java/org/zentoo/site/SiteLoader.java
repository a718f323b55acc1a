package org.zentoo.site;

import org.zentoo.config.ConfigException;
import org.zentoo.config.ConfigProblems;
import org.zentoo.machine.Machine;
import org.zentoo.machine.MachineKeys;
import org.zentoo.machine.StackResolver;
import org.zentoo.makeconf.Assignment;
import org.zentoo.makeconf.UseExpand;
import org.zentoo.seed.SeedException;
import org.zentoo.seed.SeedReference;
import org.zentoo.set.SetDefinition;
import org.zentoo.set.SetFiles;
import org.zentoo.set.SetReader;
import org.zentoo.snapshot.RepositorySnapshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

final class SiteLoader {

    /** A classifier becomes part of file names and Maven coordinates, so it keeps to this alphabet. */
    private static final Pattern MACHINE_SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private SiteLoader() {
    }

    /**
     * Reads every file, recording each mistake and going on, then fails once with all
     * of them ({@link ConfigProblems}); a site is returned only when nothing is wrong.
     */
    static Site load(Path dir, boolean strict) throws ConfigException {
        Path abs = dir.toAbsolutePath().normalize();
        String name = abs.getFileName() == null ? "config" : abs.getFileName().toString();
        if (!Files.isDirectory(abs)) {
            throw new ConfigException(name, 0, "no config directory at " + abs + ": expected config/ with sets/ and machines/");
        }
        ConfigProblems problems = new ConfigProblems();
        List<String> warnings = new ArrayList<>();
        Map<String, Assignment> siteConf = Map.of();
        String siteConfName = name + "/site.conf";
        Path siteConfPath = abs.resolve("site.conf");
        // A site.conf that cannot be read gives no defaults; saying then that every
        // machine lacks PROFILE and SEED would bury the one real mistake.
        boolean siteConfRead = true;
        if (Files.isRegularFile(siteConfPath)) {
            Map<String, Assignment> read = problems.attempt(() -> MachineKeys.read(siteConfName,
                    SetReader.readText(siteConfPath, siteConfName), true, problems));
            siteConfRead = read != null;
            siteConf = read == null ? Map.of() : read;
            for (Assignment a : siteConf.values()) {
                problems.check(() -> checkSyntax(a, siteConfName));
            }
        }
        UseExpand useExpand = UseExpand.gentoo();
        Assignment extra = siteConf.get(MachineKeys.USE_EXPAND_EXTRA);
        if (extra != null) {
            List<String> names = Arrays.stream(extra.value().trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
            for (String n : names) {
                if (!org.zentoo.atom.UseFlag.isExpandName(n)) {
                    problems.add(new ConfigException(siteConfName, extra.line(), "USE_EXPAND_EXTRA: '" + n
                            + "' is not a USE_EXPAND name: expected upper-case letters, digits and '_'"));
                }
            }
            useExpand = useExpand.with(names.stream().filter(org.zentoo.atom.UseFlag::isExpandName).toList());
        }
        Reading reading = new Reading(siteConfName, useExpand, strict, problems, warnings);

        Map<String, SetDefinition> sets = new TreeMap<>();
        Path setsDir = abs.resolve("sets");
        if (Files.isDirectory(setsDir)) {
            readSets(setsDir, "", name + "/sets", reading, sets);
        }
        StackResolver resolver = new StackResolver(sets);
        for (SetDefinition s : sets.values()) {
            problems.check(() -> resolver.resolve(s));
        }

        Map<String, Machine> machines = new TreeMap<>();
        Path machinesDir = abs.resolve("machines");
        if (Files.isDirectory(machinesDir)) {
            readMachines(machinesDir, "", name + "/machines", siteConfRead ? siteConf : null, reading, resolver,
                    machines);
        }
        Map<String, String> classifiers = new HashMap<>();
        for (String id : machines.keySet()) {
            String other = classifiers.put(Machine.classifierId(id), id);
            if (other != null) {
                problems.add(new ConfigException(name + "/machines/" + id, 0, "machines '" + other + "' and '" + id
                        + "' have the same classifier '" + Machine.classifierId(id) + "': expected distinct ids"));
            }
        }
        problems.throwIfAny();
        return new Site(abs, name, sets, machines, useExpand, List.copyOf(warnings));
    }

    /** What every directory read shares. */
    private record Reading(String siteConfName, UseExpand useExpand, boolean strict, ConfigProblems problems, List<String> warnings) {

        SetDefinition read(Path dir, String id, String display, boolean machine, List<String> children)
                throws ConfigException {
            SetDefinition set = SetReader.read(dir, id, display, machine, useExpand, children, strict, problems);
            warnings.addAll(set.warnings());
            return set;
        }
    }

    private static void readSets(Path dir, String id, String display, Reading reading, Map<String, SetDefinition> sets) {
        List<String> children = new ArrayList<>();
        if (!id.isEmpty()) {
            SetDefinition set = reading.problems().attempt(() -> reading.read(dir, id, display, false, children));
            if (set == null) {
                return;
            }
            sets.put(id, set);
        } else {
            List<Path> dirs = reading.problems().attempt(() -> listDirs(dir, display));
            for (Path p : dirs == null ? List.<Path>of() : dirs) {
                children.add(p.getFileName().toString());
            }
        }
        for (String child : children) {
            readSets(dir.resolve(child), id.isEmpty() ? child : id + "/" + child, display + "/" + child, reading, sets);
        }
    }

    /** @param siteConf null when site.conf could not be read: then no key counts as missing */
    private static void readMachines(Path dir, String id, String display, Map<String, Assignment> siteConf,
                                     Reading reading, StackResolver resolver, Map<String, Machine> machines) {
        ConfigProblems problems = reading.problems();
        Path conf = dir.resolve(SetFiles.MACHINE_CONF);
        if (!id.isEmpty() && Files.isRegularFile(conf)) {
            for (String segment : id.split("/")) {
                if (!MACHINE_SEGMENT.matcher(segment).matches()) {
                    problems.add(new ConfigException(display + "/machine.conf", 0, "machine id '" + id
                            + "' cannot be a Maven classifier: expected letters, digits, '.', '_' and '-', "
                            + "starting with a letter or digit"));
                    return;
                }
            }
            List<String> children = new ArrayList<>();
            SetDefinition def = problems.attempt(() -> reading.read(dir, id, display, true, children));
            if (def == null) {
                return;
            }
            if (!children.isEmpty()) {
                reading.warnings().add(display + "/" + children.get(0) + ": directory inside a machine, ignored");
            }
            List<SetDefinition> stack = problems.attempt(() -> resolver.resolve(def));
            Machine machine = problems.attempt(() -> machine(id, def, stack, siteConf, reading.siteConfName(), problems));
            if (machine != null) {
                machines.put(id, machine);
            }
            return;
        }
        List<Path> entries = problems.attempt(() -> SetReader.list(dir, display));
        for (Path p : entries == null ? List.<Path>of() : entries) {
            String child = p.getFileName().toString();
            if (Files.isDirectory(p)) {
                readMachines(p, id.isEmpty() ? child : id + "/" + child, display + "/" + child, siteConf, reading,
                        resolver, machines);
            } else if (!id.isEmpty() && !child.startsWith(".") && !child.startsWith("README")) {
                problems.add(new ConfigException(display + "/" + SetFiles.MACHINE_CONF, 0, "missing: " + display
                        + " holds files but no machine.conf; expected machine.conf with PROFILE and SEED"));
                return;
            }
        }
    }

    /** The machine with its keys, or null when something about it was recorded as a problem. */
    private static Machine machine(String id, SetDefinition def, List<SetDefinition> stack,
                                   Map<String, Assignment> siteConf, String siteFile, ConfigProblems problems)
            throws ConfigException {
        String file = def.file(SetFiles.MACHINE_CONF);
        String text = def.text(SetFiles.MACHINE_CONF);
        if (text == null) {
            return null; // unreadable: recorded by SetReader
        }
        Map<String, Assignment> own = MachineKeys.read(file, text, false, problems);
        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, Machine.KeyLine> lines = new LinkedHashMap<>();
        for (String k : MachineKeys.MACHINE) {
            boolean mine = own.containsKey(k);
            Assignment a = mine ? own.get(k) : siteConf == null ? null : siteConf.get(k);
            if (a != null) {
                keys.put(k, a.value().strip());
                lines.put(k, new Machine.KeyLine(mine ? file : siteFile, a.line()));
            }
        }
        boolean complete = true;
        for (String required : List.of(MachineKeys.PROFILE, MachineKeys.SEED)) {
            if (siteConf != null && keys.getOrDefault(required, "").isEmpty()) {
                problems.add(new ConfigException(file, 0, "no " + required + ": expected " + required
                        + "=\"...\" in machine.conf or in site.conf"));
                complete = false;
            }
        }
        for (Assignment a : own.values()) {
            complete &= problems.check(() -> checkSyntax(a, file));
        }
        return complete && stack != null ? new Machine(id, def, stack, keys, lines) : null;
    }

    /**
     * SEED and SNAPSHOT values are checked here, where their file and line are
     * known, so a typo stops render and explain too, not only the first build.
     */
    private static void checkSyntax(Assignment a, String file) throws ConfigException {
        try {
            if (a.name().equals(MachineKeys.SEED)) {
                SeedReference.parse(a.value());
            } else if (a.name().equals(MachineKeys.SNAPSHOT)) {
                RepositorySnapshot.parse(a.value());
            }
        } catch (SeedException e) {
            throw new ConfigException(file, a.line(), e.getMessage());
        }
    }

    private static List<Path> listDirs(Path dir, String display) throws ConfigException {
        return SetReader.list(dir, display).stream().filter(Files::isDirectory).toList();
    }
}
