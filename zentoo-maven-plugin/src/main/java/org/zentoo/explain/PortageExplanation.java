package org.zentoo.explain;

import org.zentoo.json.Json;
import org.zentoo.config.ConfigException;
import org.zentoo.machine.Machine;
import org.zentoo.site.Site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * explain's answer from Portage (the JSON of the step's explain.py), its origins
 * mapped back to config/ lines, as lines for people and as the JSON report.
 *
 * <p>Each package is {@code {"atom", "version", "cpv", "iuse", "flags": [{"flag",
 * "enabled", "origin", "overridden": [origin...]}]}} (or {@code {"atom", "error"}});
 * an origin is {@code {"kind": "set"|"profile"|"ebuild"|"globals"|"none", "file",
 * "line"}}, with {@code "enabled"} (what that line asks for) and, for a mask or
 * force, {@code "effect": "mask"|"force"}. config/README.md has the schema.
 *
 * @param report the JSON report: machine, portage, profile, variables, use, packages
 * @param lines  the same, as text for the build log
 */
public record PortageExplanation(Map<String, Object> report, List<String> lines) {

    /** Maps {@code portageJson}, explain.py's answer for {@code machineId}, onto the site's config/. */
    @SuppressWarnings("unchecked")
    public static PortageExplanation of(Site site, String machineId, String portageJson) throws ConfigException {
        Machine machine = site.machine(machineId);
        RenderedOrigins origins = new RenderedOrigins(site, machine);
        Map<String, Object> raw = (Map<String, Object>) Json.parse(portageJson);
        Map<String, Object> report = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        Map<String, Object> machinePart = (Map<String, Object>) raw.getOrDefault("machine", Map.of());
        List<Object> profile = (List<Object>) machinePart.getOrDefault("profile", List.of());
        report.put("machine", machineId);
        report.put("portage", raw.get("portage"));
        report.put("profile", profile);
        out.add("Asked Portage " + raw.get("portage") + " in the machine's seed; profile stack: "
                + profile.stream().map(String::valueOf).collect(Collectors.joining(" > ")));

        out.add("make.conf variables, as Portage reports them (portageq envvar):");
        List<Object> variables = new ArrayList<>();
        for (Object o : (List<Object>) raw.getOrDefault("variables", List.of())) {
            Map<String, Object> v = (Map<String, Object>) o;
            String name = (String) v.get("name");
            Map<String, Object> origin = origins.variable((Map<String, Object>) v.get("origin"), name);
            Map<String, Object> mapped = new LinkedHashMap<>();
            mapped.put("name", name);
            mapped.put("value", v.get("value"));
            mapped.put("origin", origin);
            variables.add(mapped);
            out.add("  " + name + "=\"" + v.get("value") + "\"  " + (origin == null || "none".equals(origin.get("kind"))
                    ? "not set in make.conf, a profile's make.defaults or make.globals (Portage derives it)"
                    : "from " + where(origin)));
        }
        report.put("variables", variables);

        Map<String, Object> use = new LinkedHashMap<>();
        use.put("enabled", machinePart.getOrDefault("use", List.of()));
        use.put("useExpand", machinePart.getOrDefault("useExpand", Map.of()));
        use.put("flags", flags((List<Object>) machinePart.getOrDefault("flags", List.of()), origins));
        report.put("use", use);
        out.add("Global USE: " + String.join(" ", strings(use.get("enabled"))));
        ((Map<String, Object>) use.get("useExpand")).forEach((k, v) -> out.add("  " + k + "=\"" + v + "\""));
        for (Object f : (List<Object>) use.get("flags")) {
            out.add("  " + describe((Map<String, Object>) f));
        }

        List<Object> packages = new ArrayList<>();
        for (Object o : (List<Object>) raw.getOrDefault("packages", List.of())) {
            Map<String, Object> p = (Map<String, Object>) o;
            Map<String, Object> mapped = new LinkedHashMap<>();
            mapped.put("atom", p.get("atom"));
            if (p.containsKey("error")) {
                mapped.put("error", p.get("error"));
                out.add(p.get("atom") + ": " + p.get("error"));
                packages.add(mapped);
                continue;
            }
            mapped.put("version", p.get("version"));
            mapped.put("cpv", p.get("cpv"));
            mapped.put("repository", p.get("repository"));
            mapped.put("stable", p.get("stable"));
            mapped.put("iuse", p.get("iuse"));
            List<Object> flags = flags((List<Object>) p.getOrDefault("flags", List.of()), origins);
            mapped.put("flags", flags);
            packages.add(mapped);
            out.add(p.get("atom") + ": Portage picks " + p.get("cpv") + "::" + p.get("repository") + " (version "
                    + p.get("version") + "), IUSE " + String.join(" ", strings(p.get("iuse"))) + ":");
            flags.forEach(f -> out.add("  " + describe((Map<String, Object>) f)));
        }
        report.put("packages", packages);
        return new PortageExplanation(report, List.copyOf(out));
    }

    /** The report as JSON, as written to target/zentoo/explain/MACHINE.json. */
    public String json() {
        return Json.write(report);
    }

    /** The mapped flags of one package, by name. */
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> flags(String atom) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Object o : (List<Object>) report.get("packages")) {
            Map<String, Object> p = (Map<String, Object>) o;
            if (atom.equals(p.get("atom"))) {
                for (Object f : (List<Object>) p.getOrDefault("flags", List.of())) {
                    Map<String, Object> flag = (Map<String, Object>) f;
                    out.put((String) flag.get("flag"), flag);
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> flags(List<Object> raw, RenderedOrigins origins) {
        List<Object> out = new ArrayList<>();
        for (Object o : raw) {
            Map<String, Object> f = (Map<String, Object>) o;
            String flag = (String) f.get("flag");
            Map<String, Object> mapped = new LinkedHashMap<>();
            mapped.put("flag", flag);
            mapped.put("enabled", f.get("enabled"));
            Map<String, Object> origin = origins.flag((Map<String, Object>) f.get("origin"), flag);
            mapped.put("origin", origin);
            List<Object> overridden = new ArrayList<>();
            for (Object x : (List<Object>) f.getOrDefault("overridden", List.of())) {
                Map<String, Object> lower = origins.flag((Map<String, Object>) x, flag);
                // A line that both clears and sets (L10N="fr" resets l10n_*, then sets fr) overrides nothing.
                if (!where(lower).equals(where(origin))) {
                    overridden.add(lower);
                }
            }
            mapped.put("overridden", overridden);
            out.add(mapped);
        }
        return out;
    }

    /**
     * {@code greeting: off, masked by profiles/.../use.mask:2 (config/sets/base/make.conf:4 asked for on)}.
     */
    @SuppressWarnings("unchecked")
    static String describe(Map<String, Object> flag) {
        boolean enabled = Boolean.TRUE.equals(flag.get("enabled"));
        Map<String, Object> origin = (Map<String, Object>) flag.get("origin");
        StringBuilder s = new StringBuilder().append(flag.get("flag")).append(": ").append(enabled ? "on" : "off")
                .append(", ");
        String kind = String.valueOf(origin.get("kind"));
        Object effect = origin.get("effect");
        if ("mask".equals(effect)) {
            s.append("masked by ").append(where(origin));
        } else if ("force".equals(effect)) {
            s.append("forced by ").append(where(origin));
        } else if (kind.equals("ebuild")) {
            s.append("the IUSE default in ").append(where(origin));
        } else if (kind.equals("none")) {
            s.append("not set anywhere");
        } else {
            s.append("set by ").append(where(origin));
        }
        List<Object> overridden = (List<Object>) flag.getOrDefault("overridden", List.of());
        if (!overridden.isEmpty()) {
            s.append(" (").append(overridden.stream().map(o -> {
                Map<String, Object> x = (Map<String, Object>) o;
                String verb = "mask".equals(x.get("effect")) ? "masked it" : "force".equals(x.get("effect"))
                        ? "forced it on" : "asked for " + (Boolean.TRUE.equals(x.get("enabled")) ? "on" : "off");
                return where(x) + " " + verb;
            }).collect(Collectors.joining("; "))).append(')');
        }
        return s.toString();
    }

    /** {@code file:line}, or what stands for it. */
    static String where(Map<String, Object> origin) {
        if (origin == null || "none".equals(origin.get("kind"))) {
            return "not set";
        }
        Object file = origin.get("file");
        Object line = origin.get("line");
        String base = file == null ? String.valueOf(origin.get("kind")) : String.valueOf(file);
        return line == null ? base : base + ":" + line;
    }

    private static List<String> strings(Object list) {
        return list instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
