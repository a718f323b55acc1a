package org.zentoo.render;

import org.zentoo.atom.Atom;
import org.zentoo.config.ConfigException;
import org.zentoo.machine.Machine;
import org.zentoo.makeconf.MakeConfStack;
import org.zentoo.makeconf.Origin;
import org.zentoo.set.Service;
import org.zentoo.set.SetDefinition;
import org.zentoo.set.SetFiles;
import org.zentoo.set.WorldEntry;
import org.zentoo.site.Site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Composes one machine's stack into the files to write, entirely in memory. */
public final class MachineComposer {

    private MachineComposer() {
    }

    public static RenderedMachine compose(Site site, Machine machine) throws ConfigException {
        SortedMap<String, Entry> files = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        List<SetDefinition> stack = machine.stack();
        String portage = Layout.portage(machine.id());
        String assembly = Layout.assembly(machine.id());

        MakeConfStack makeConf = makeConf(site, stack);
        files.put(portage + "/make.conf", new Entry.Text(MakeConfWriter.write(machine, makeConf)));
        files.put(portage + "/make.profile", new Entry.Link(ProfileLink.target(machine)));
        files.put(Layout.root(machine.id()) + "/var/lib/portage/world_sets", new Entry.Text("@zentoo\n"));
        files.put(portage + "/sets/zentoo", new Entry.Text(world(machine, warnings)));

        Map<String, Service> services = new LinkedHashMap<>();
        Map<String, String> serviceOrigin = new LinkedHashMap<>();
        for (int i = 0; i < stack.size(); i++) {
            SetDefinition set = stack.get(i);
            String numbered = Layout.numbered(i + 1, stack.size(), set.id());
            for (String kind : SetFiles.PACKAGE_FILES) {
                String text = set.text(kind);
                if (text != null) {
                    files.put(portage + "/" + kind + "/" + numbered, new Entry.Text(header(set, kind) + text + eol(text)));
                }
            }
            String repos = set.text(SetFiles.REPOS_CONF);
            if (repos != null) {
                files.put(portage + "/repos.conf/" + numbered + ".conf",
                        new Entry.Text(header(set, SetFiles.REPOS_CONF) + repos + eol(repos)));
            }
            String kernel = set.text(SetFiles.KERNEL_CONFIG);
            if (kernel != null) {
                files.put(Layout.root(machine.id()) + "/etc/kernel/config.d/" + numbered + ".config",
                        new Entry.Text(header(set, SetFiles.KERNEL_CONFIG) + kernel + eol(kernel)));
            }
            copyTree(set, SetFiles.ENV, portage + "/env", files);
            copyTree(set, SetFiles.PATCHES, portage + "/patches", files);
            copyTree(set, SetFiles.OVERLAY, assembly + "/overlay", files);
            // Every file in tests/ is a script to run: rendered executable, whatever mode git, an
            // archetype or a jar left it with (none of them reliably keeps the x bit).
            copyTree(set, SetFiles.TESTS, Layout.tests(machine.id()), files, true);
            for (Service s : set.services()) {
                String where = set.file(SetFiles.SERVICES) + ":" + s.line();
                if (services.remove(s.name()) == null && s.removal()) {
                    warnings.add(where + ": -" + s.name() + " removes nothing: no earlier set in the stack of "
                            + machine.id() + " enables " + s.name());
                }
                if (!s.removal()) {
                    services.put(s.name(), s);
                    serviceOrigin.put(s.name(), where);
                }
            }
        }
        checkEnvFiles(machine, files, portage + "/env/");
        StringBuilder svc = new StringBuilder("# Services to enable in the assembled root of ").append(machine.id())
                .append(": NAME [RUNLEVEL], each with the set line that asked for it.\n");
        for (Service s : services.values()) {
            svc.append(s.name()).append(s.runlevel() == null ? "" : " " + s.runlevel())
                    .append(" # ").append(serviceOrigin.get(s.name())).append('\n');
        }
        files.put(assembly + "/services", new Entry.Text(svc.toString()));
        return new RenderedMachine(machine, makeConf, files, warnings);
    }

    /** The stacked make.conf of a machine, for render and explain alike. */
    public static MakeConfStack makeConf(Site site, List<SetDefinition> stack) throws ConfigException {
        MakeConfStack makeConf = new MakeConfStack(site.useExpand());
        for (SetDefinition set : stack) {
            String text = set.text(SetFiles.MAKE_CONF);
            if (text != null) {
                makeConf.apply(set.id(), set.file(SetFiles.MAKE_CONF), text);
            }
        }
        return makeConf;
    }

    private static String world(Machine machine, List<String> warnings) {
        StringBuilder out = new StringBuilder("# The world of machine ").append(machine.id())
                .append(", composed by Zentoo; each line names the set that added it.\n");
        worldOrigins(machine, warnings).forEach((atom, origin) ->
                out.append(atom.text()).append(" # ").append(origin.setId()).append('\n'));
        return out.toString();
    }

    /**
     * The composed world of a machine: each atom with the set line that added it
     * ({@code packages} of the first set in the stack that adds it and no later
     * set takes back).
     */
    public static Map<Atom, Origin> worldOrigins(Machine machine) {
        return worldOrigins(machine, new ArrayList<>());
    }

    private static Map<Atom, Origin> worldOrigins(Machine machine, List<String> warnings) {
        Map<String, Atom> atoms = new LinkedHashMap<>();
        Map<String, Origin> origins = new LinkedHashMap<>();
        for (SetDefinition set : machine.stack()) {
            for (WorldEntry e : set.packages()) {
                String key = e.atom().text();
                String where = set.file(SetFiles.PACKAGES) + ":" + e.line();
                if (e.removal()) {
                    if (atoms.remove(key) == null) {
                        warnings.add(where + ": -" + key + " removes nothing: no earlier set in the stack of "
                                + machine.id() + " adds " + key);
                    }
                    origins.remove(key);
                } else if (!atoms.containsKey(key)) {
                    atoms.put(key, e.atom());
                    origins.put(key, new Origin(set.id(), set.file(SetFiles.PACKAGES), e.line()));
                }
            }
        }
        Map<Atom, Origin> out = new LinkedHashMap<>();
        atoms.forEach((key, atom) -> out.put(atom, origins.get(key)));
        return out;
    }

    /** Portage would only fail at emerge time, inside a container; say it now, at the line. */
    private static void checkEnvFiles(Machine machine, SortedMap<String, Entry> files, String envDir)
            throws ConfigException {
        for (SetDefinition set : machine.stack()) {
            for (org.zentoo.set.Line line : set.packageFiles().getOrDefault("package.env", List.of())) {
                for (String name : line.rest()) {
                    if (!files.containsKey(envDir + name)) {
                        throw new ConfigException(set.file("package.env"), line.number(), "'" + name
                                + "' is in no env/ directory of the stack of " + machine.id()
                                + ": expected a file env/" + name + " in one of its sets");
                    }
                }
            }
        }
    }

    private static String header(SetDefinition set, String kind) {
        return "# From " + set.file(kind) + " (set " + set.id() + ")\n";
    }

    private static String eol(String text) {
        return text.isEmpty() || text.endsWith("\n") ? "" : "\n";
    }

    private static void copyTree(SetDefinition set, String dirName, String target, SortedMap<String, Entry> files)
            throws ConfigException {
        copyTree(set, dirName, target, files, false);
    }

    private static void copyTree(SetDefinition set, String dirName, String target, SortedMap<String, Entry> files,
                                 boolean executable) throws ConfigException {
        if (!set.directories().contains(dirName)) {
            return;
        }
        Path root = set.directory().resolve(dirName);
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted().toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (Files.isSymbolicLink(p)) {
                    files.put(target + "/" + rel, new Entry.Link(Files.readSymbolicLink(p).toString()));
                } else if (Files.isRegularFile(p)) {
                    files.put(target + "/" + rel, new Entry.Copy(p, executable || Files.isExecutable(p)));
                }
            }
        } catch (IOException e) {
            throw new ConfigException(set.display() + "/" + dirName, 0, "cannot read: " + e.getMessage(), e);
        }
    }
}
