package org.zentoo.explain;

import org.zentoo.config.ConfigException;
import org.zentoo.machine.Machine;
import org.zentoo.makeconf.Contribution;
import org.zentoo.makeconf.FlagState;
import org.zentoo.makeconf.MakeConfStack;
import org.zentoo.makeconf.Origin;
import org.zentoo.makeconf.TokenStack;
import org.zentoo.makeconf.UseExpand;
import org.zentoo.render.Layout;
import org.zentoo.render.MachineComposer;
import org.zentoo.set.SetDefinition;
import org.zentoo.site.Site;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps what Portage read in the rendered config back to config/: the rendered
 * make.conf is the stack's net result, so a flag or variable in it goes back to
 * the set line that last decided it (the same stack {@link Explainer} reports);
 * {@code package.use/NN-set} is set NN's package.use under a one-line header.
 * Profile, ebuild and make.globals origins are already named as they should be.
 */
final class RenderedOrigins {

    static final String MAKE_CONF = "/etc/portage/make.conf";
    static final String PACKAGE_USE = "/etc/portage/package.use/";
    private static final Pattern PACKAGE_FILE = Pattern.compile("^/etc/portage/(package\\.[a-z_]+)/([^/]+)$");

    private final Machine machine;
    private final MakeConfStack stack;
    private final TokenStack effective;

    RenderedOrigins(Site site, Machine machine) throws ConfigException {
        this.machine = machine;
        this.stack = MachineComposer.makeConf(site, machine.stack());
        this.effective = stack.effectiveUse(PackageFileOrder.global(machine));
    }

    /** The origin of {@code flag}'s state as explain.py gave it, with a set line for a rendered file. */
    Map<String, Object> flag(Map<String, Object> raw, String flag) {
        String file = (String) raw.get("file");
        if (!"set".equals(raw.get("kind")) || file == null) {
            return copy(raw);
        }
        if (file.equals(MAKE_CONF)) {
            Boolean wish = (Boolean) raw.get("enabled");
            Origin origin = makeConfFlag(flag, wish);
            return origin == null ? copy(raw) : set(raw, origin.file(), origin.line());
        }
        return packageUse(raw, file);
    }

    /** The origin of a make.conf variable as explain.py gave it. */
    Map<String, Object> variable(Map<String, Object> raw, String name) {
        String file = (String) raw.get("file");
        if (!"set".equals(raw.get("kind")) || !MAKE_CONF.equals(file)) {
            return copy(raw);
        }
        Origin origin = stack.plain().containsKey(name) ? stack.plain().get(name).origin() : null;
        for (Contribution c : stack.contributions()) {
            if (c.variable().equals(name)) {
                origin = c.origin();
            }
        }
        return origin == null ? copy(raw) : set(raw, origin.file(), origin.line());
    }

    /** The set line that last turned {@code flag} to {@code wish} in the stack's make.conf and {@code *}{@code /*} lines. */
    Origin makeConfFlag(String flag, Boolean wish) {
        FlagState state = null;
        for (FlagState f : effective.flags()) {
            if (f.flag().equals(flag)) {
                state = f;
            }
        }
        if (state != null && (wish == null || state.enabled() == wish)) {
            return state.origin();
        }
        if (Boolean.FALSE.equals(wish)) {
            for (Map.Entry<String, Origin> clear : effective.prefixClears().entrySet()) {
                if (flag.startsWith(clear.getKey())) {
                    return clear.getValue();
                }
            }
            for (String name : stack.useExpand().names()) {
                if (flag.startsWith(UseExpand.prefix(name)) && stack.useExpandSince(name) != null) {
                    return stack.useExpandSince(name);
                }
            }
            if (effective.clearedBy() != null) {
                return effective.clearedBy();
            }
        }
        return state == null ? null : state.origin();
    }

    private Map<String, Object> packageUse(Map<String, Object> raw, String file) {
        if (!file.startsWith(PACKAGE_USE)) {
            return copy(raw);
        }
        Object line = raw.get("line");
        Origin origin = setLine(machine, file, line instanceof Number n ? n.intValue() : null);
        return origin == null ? copy(raw) : set(raw, origin.file(), origin.line() == 0 ? null : origin.line());
    }

    /**
     * The set line behind a line of a rendered {@code /etc/portage/package.*}{@code /NN-set}
     * file (set NN's file of that kind under a one-line "# From ..." header), or null
     * for any other file. A null {@code line} gives the set's file with line 0.
     */
    static Origin setLine(Machine machine, String file, Integer line) {
        Matcher m = PACKAGE_FILE.matcher(file);
        if (!m.matches()) {
            return null;
        }
        List<SetDefinition> sets = machine.stack();
        for (int i = 0; i < sets.size(); i++) {
            SetDefinition set = sets.get(i);
            if (Layout.numbered(i + 1, sets.size(), set.id()).equals(m.group(2))) {
                return new Origin(set.id(), set.file(m.group(1)), line == null ? 0 : line - 1);
            }
        }
        return null;
    }

    private static Map<String, Object> set(Map<String, Object> raw, String file, Integer line) {
        Map<String, Object> out = copy(raw);
        out.put("file", file);
        out.put("line", line);
        return out;
    }

    /** kind, file, line first; what explain.py added (enabled, effect) after. */
    private static Map<String, Object> copy(Map<String, Object> raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", raw.get("kind"));
        out.put("file", raw.get("file"));
        out.put("line", raw.get("line") instanceof Number n ? (Object) n.intValue() : null);
        raw.forEach((k, v) -> {
            if (!out.containsKey(k)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
