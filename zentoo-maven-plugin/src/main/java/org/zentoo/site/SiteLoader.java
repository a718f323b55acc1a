package org.zentoo.site;

import org.zentoo.config.ConfigException;
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

    static Site load(Path dir) throws ConfigException {
        Path abs = dir.toAbsolutePath().normalize();
        String name = abs.getFileName() == null ? "config" : abs.getFileName().toString();
        if (!Files.isDirectory(abs)) {
            throw new ConfigException(name, 0, "no config directory at " + abs + ": expected config/ with sets/ and machines/");
        }
        List<String> warnings = new ArrayList<>();
        Map<String, Assignment> siteConf = Map.of();
        Path siteConfPath = abs.resolve("site.conf");
        if (Files.isRegularFile(siteConfPath)) {
            siteConf = MachineKeys.read(name + "/site.conf", SetReader.readText(siteConfPath, name + "/site.conf"), true);
            for (Assignment a : siteConf.values()) {
                checkSyntax(a, name + "/site.conf");
            }
        }
        UseExpand useExpand = UseExpand.gentoo();
        Assignment extra = siteConf.get(MachineKeys.USE_EXPAND_EXTRA);
        if (extra != null) {
            List<String> names = Arrays.stream(extra.value().trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
            for (String n : names) {
                if (!org.zentoo.atom.UseFlag.isExpandName(n)) {
                    throw new ConfigException(name + "/site.conf", extra.line(), "USE_EXPAND_EXTRA: '" + n
                            + "' is not a USE_EXPAND name: expected upper-case letters, digits and '_'");
                }
            }
            useExpand = useExpand.with(names);
        }

        Map<String, SetDefinition> sets = new TreeMap<>();
        Path setsDir = abs.resolve("sets");
        if (Files.isDirectory(setsDir)) {
            readSets(setsDir, "", name + "/sets", useExpand, sets, warnings);
        }
        StackResolver resolver = new StackResolver(sets);
        for (SetDefinition s : sets.values()) {
            resolver.resolve(s);
        }

        Map<String, Machine> machines = new TreeMap<>();
        Path machinesDir = abs.resolve("machines");
        if (Files.isDirectory(machinesDir)) {
            readMachines(machinesDir, "", name + "/machines", siteConf, useExpand, resolver, machines, warnings);
        }
        Map<String, String> classifiers = new HashMap<>();
        for (String id : machines.keySet()) {
            String other = classifiers.put(Machine.classifierId(id), id);
            if (other != null) {
                throw new ConfigException(name + "/machines/" + id, 0, "machines '" + other + "' and '" + id
                        + "' have the same classifier '" + Machine.classifierId(id) + "': expected distinct ids");
            }
        }
        return new Site(abs, name, sets, machines, useExpand, List.copyOf(warnings));
    }

    private static void readSets(Path dir, String id, String display, UseExpand useExpand,
                                 Map<String, SetDefinition> sets, List<String> warnings) throws ConfigException {
        List<String> children = new ArrayList<>();
        if (!id.isEmpty()) {
            SetDefinition set = SetReader.read(dir, id, display, false, useExpand, children);
            sets.put(id, set);
            warnings.addAll(set.warnings());
        } else {
            for (Path p : listDirs(dir, display)) {
                children.add(p.getFileName().toString());
            }
        }
        for (String child : children) {
            readSets(dir.resolve(child), id.isEmpty() ? child : id + "/" + child, display + "/" + child, useExpand, sets,
                    warnings);
        }
    }

    private static void readMachines(Path dir, String id, String display, Map<String, Assignment> siteConf,
                                     UseExpand useExpand, StackResolver resolver, Map<String, Machine> machines,
                                     List<String> warnings)
            throws ConfigException {
        Path conf = dir.resolve(SetFiles.MACHINE_CONF);
        if (!id.isEmpty() && Files.isRegularFile(conf)) {
            for (String segment : id.split("/")) {
                if (!MACHINE_SEGMENT.matcher(segment).matches()) {
                    throw new ConfigException(display + "/machine.conf", 0, "machine id '" + id
                            + "' cannot be a Maven classifier: expected letters, digits, '.', '_' and '-', "
                            + "starting with a letter or digit");
                }
            }
            List<String> children = new ArrayList<>();
            SetDefinition def = SetReader.read(dir, id, display, true, useExpand, children);
            if (!children.isEmpty()) {
                warnings.add(display + "/" + children.get(0) + ": directory inside a machine, ignored");
            }
            warnings.addAll(def.warnings());
            machines.put(id, new Machine(id, def, resolver.resolve(def), keys(def, siteConf)));
            return;
        }
        for (Path p : SetReader.list(dir, display)) {
            String child = p.getFileName().toString();
            if (Files.isDirectory(p)) {
                readMachines(p, id.isEmpty() ? child : id + "/" + child, display + "/" + child, siteConf, useExpand,
                        resolver, machines, warnings);
            } else if (!id.isEmpty() && !child.startsWith(".") && !child.startsWith("README")) {
                throw new ConfigException(display + "/" + SetFiles.MACHINE_CONF, 0, "missing: " + display
                        + " holds files but no machine.conf; expected machine.conf with PROFILE and SEED");
            }
        }
    }

    private static Map<String, String> keys(SetDefinition def, Map<String, Assignment> siteConf) throws ConfigException {
        String file = def.file(SetFiles.MACHINE_CONF);
        Map<String, Assignment> own = MachineKeys.read(file, def.text(SetFiles.MACHINE_CONF), false);
        Map<String, String> keys = new LinkedHashMap<>();
        for (String k : MachineKeys.MACHINE) {
            Assignment a = own.containsKey(k) ? own.get(k) : siteConf.get(k);
            if (a != null) {
                keys.put(k, a.value().strip());
            }
        }
        for (String required : List.of(MachineKeys.PROFILE, MachineKeys.SEED)) {
            if (keys.getOrDefault(required, "").isEmpty()) {
                throw new ConfigException(file, 0, "no " + required + ": expected " + required
                        + "=\"...\" in machine.conf or in site.conf");
            }
        }
        for (Assignment a : own.values()) {
            checkSyntax(a, file);
        }
        return keys;
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
