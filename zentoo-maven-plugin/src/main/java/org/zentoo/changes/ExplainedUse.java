package org.zentoo.changes;

import org.zentoo.json.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One package's USE as explain states it (Portage's answer mapped onto config/, the
 * {@code explain.json} of a bug report): each IUSE flag on or off, and the line that
 * decides it, as {@link UseOrigins} words it.
 *
 * @param use     flag to on/off, in explain's order
 * @param origins flag to {@code by FILE:LINE} and what it is
 */
public record ExplainedUse(Map<String, Boolean> use, Map<String, String> origins) implements UseOrigins {

    public ExplainedUse {
        use = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(use));
        origins = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(origins));
    }

    @Override
    public String origin(String cp, String flag, boolean enabled) {
        return origins.getOrDefault(flag, "origin not known");
    }

    /** The package {@code cpvr} in explain's JSON report {@code json}; empty when explain has no answer for it. */
    @SuppressWarnings("unchecked")
    public static Optional<ExplainedUse> of(String json, String cpvr) {
        Object parsed = Json.parse(json);
        if (!(parsed instanceof Map<?, ?> report) || !(report.get("packages") instanceof List<?> packages)) {
            return Optional.empty();
        }
        for (Object o : packages) {
            Map<String, Object> p = (Map<String, Object>) o;
            if (!cpvr.equals(p.get("cpv")) || !(p.get("flags") instanceof List<?> flags)) {
                continue;
            }
            Map<String, Boolean> use = new LinkedHashMap<>();
            Map<String, String> origins = new LinkedHashMap<>();
            for (Object f : flags) {
                Map<String, Object> flag = (Map<String, Object>) f;
                String name = String.valueOf(flag.get("flag"));
                use.put(name, Boolean.TRUE.equals(flag.get("enabled")));
                origins.put(name, words((Map<String, Object>) flag.get("origin")));
            }
            return Optional.of(new ExplainedUse(use, origins));
        }
        return Optional.empty();
    }

    /** {@code by config/sets/x/package.use:3}, {@code by profiles/…/use.mask:2 (a profile mask)}, … */
    private static String words(Map<String, Object> origin) {
        if (origin == null || "none".equals(origin.get("kind"))) {
            return "by nothing: no line sets it";
        }
        Object file = origin.get("file");
        Object line = origin.get("line");
        String where = (file == null ? String.valueOf(origin.get("kind")) : String.valueOf(file))
                + (line == null ? "" : ":" + line);
        Object effect = origin.get("effect");
        if ("mask".equals(effect)) {
            return "by " + where + " (a profile mask)";
        }
        if ("force".equals(effect)) {
            return "by " + where + " (a profile force)";
        }
        if ("ebuild".equals(origin.get("kind"))) {
            return "by the IUSE default in " + where;
        }
        return "by " + where;
    }
}
