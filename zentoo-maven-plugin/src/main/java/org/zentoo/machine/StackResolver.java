package org.zentoo.machine;

import org.zentoo.config.ConfigException;
import org.zentoo.set.Line;
import org.zentoo.set.SetDefinition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders a set's ancestry as Portage orders profile parents: depth-first, parents
 * before the set, each set once at its first position.
 */
public final class StackResolver {

    private final Map<String, SetDefinition> sets;

    public StackResolver(Map<String, SetDefinition> sets) {
        this.sets = sets;
    }

    public List<SetDefinition> resolve(SetDefinition top) throws ConfigException {
        List<SetDefinition> out = new ArrayList<>();
        visit(top, new java.util.LinkedHashMap<>(), new HashSet<>(), out);
        return List.copyOf(out);
    }

    /** Tracks directories, not ids: a machine and a set may share an id such as {@code web}. */
    private void visit(SetDefinition set, java.util.LinkedHashMap<String, String> path, Set<String> done, List<SetDefinition> out)
            throws ConfigException {
        path.put(set.display(), set.id());
        for (Line line : set.parents()) {
            String id = line.first();
            String file = set.file("parent");
            SetDefinition parent = sets.get(id);
            if (parent == null) {
                throw new ConfigException(file, line.number(), "unknown set id '" + id
                        + "': expected a directory config/sets/" + id);
            }
            if (path.containsKey(parent.display())) {
                List<String> ids = List.copyOf(path.values());
                throw cycle(ids.subList(ids.indexOf(id), ids.size()));
            }
            if (!done.contains(parent.display())) {
                visit(parent, path, done, out);
            }
        }
        path.remove(set.display());
        done.add(set.display());
        out.add(set);
    }

    /**
     * The same cycle is met from each of its sets; it is reported the same way from
     * each, starting at its smallest id, so a site with one cycle shows one error.
     */
    private ConfigException cycle(List<String> members) {
        int start = members.indexOf(members.stream().min(String::compareTo).orElseThrow());
        List<String> rotated = new ArrayList<>(members.subList(start, members.size()));
        rotated.addAll(members.subList(0, start));
        SetDefinition last = sets.get(rotated.get(rotated.size() - 1));
        int number = last.parents().stream().filter(l -> l.first().equals(rotated.get(0))).findFirst()
                .map(Line::number).orElse(0);
        return new ConfigException(last.file("parent"), number, "cycle in parent sets: " + String.join(" -> ", rotated)
                + " -> " + rotated.get(0) + "; expected each set to build only on sets that do not build on it");
    }
}
