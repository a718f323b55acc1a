package org.zentoo.explain;

import org.zentoo.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.site.Site;
import org.zentoo.testing.SiteFiles;
import org.zentoo.testing.Strict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Portage's answer, as explain.py prints it, mapped back onto config/ lines. */
class PortageExplanationTest {

    @TempDir
    Path root;

    private Site site() throws Exception {
        new SiteFiles(root)
                .file("sets/base/make.conf", "# base", "USE=\"greeting -colour\"", "L10N=\"de\"",
                        "CFLAGS=\"-O2\"")
                .file("sets/base/packages", "app-misc/hello")
                .file("sets/web/package.use", "app-misc/hello -greeting l10n_fr", "*/* mu")
                .machine("m1", "base", "web");
        return Site.load(root.resolve("config"));
    }

    private static String origin(String kind, String file, Integer line, Boolean enabled, String effect) {
        return "{\"kind\": \"" + kind + "\", \"file\": " + (file == null ? "null" : "\"" + file + "\"")
                + ", \"line\": " + line + (enabled == null ? "" : ", \"enabled\": " + enabled)
                + (effect == null ? "" : ", \"effect\": \"" + effect + "\"") + "}";
    }

    private static String flag(String name, boolean enabled, String origin, String... overridden) {
        return "{\"flag\": \"" + name + "\", \"enabled\": " + enabled + ", \"origin\": " + origin
                + ", \"overridden\": [" + String.join(", ", overridden) + "]}";
    }

    /** What explain.py would print for app-misc/hello on m1 over a profile that masks greeting. */
    private static String answer() {
        String makeConf = "/etc/portage/make.conf";
        return "{\"portage\": \"3.0.83\", \"machine\": {\"profile\": [\"profiles/base\"], \"use\": [\"amd64\"],"
                + " \"useExpand\": {\"L10N\": \"de\"}, \"flags\": []},"
                + " \"variables\": [{\"name\": \"CFLAGS\", \"value\": \"-O2\", \"origin\": "
                + origin("set", makeConf, 20, null, null) + "}, {\"name\": \"CHOST\", \"value\": \"x86_64-pc-linux-gnu\","
                + " \"origin\": " + origin("profile", "profiles/default/linux/amd64/make.defaults", 1, null, null) + "},"
                + " {\"name\": \"USE\", \"value\": \"amd64\", \"origin\": " + origin("none", null, null, null, null) + "}],"
                + " \"packages\": [{\"atom\": \"app-misc/hello\", \"version\": \"1.0\", \"cpv\": \"app-misc/hello-1.0\","
                + " \"repository\": \"zentoo-test\", \"stable\": true, \"iuse\": [\"greeting\", \"colour\", \"l10n_de\","
                + " \"l10n_fr\", \"mu\"], \"flags\": ["
                + flag("greeting", false, origin("profile", "profiles/default/linux/amd64/masks/use.mask", 2, false,
                        "mask"), origin("set", makeConf, 19, true, null)) + ", "
                + flag("colour", true, origin("profile", "profiles/default/linux/amd64/masks/package.use.force", 2, true,
                        "force"), origin("set", makeConf, 19, false, null)) + ", "
                + flag("l10n_de", true, origin("set", makeConf, 21, true, null), origin("set", makeConf, 21, false, null))
                + ", "
                + flag("l10n_fr", true, origin("set", "/etc/portage/package.use/02-web", 2, true, null)) + ", "
                + flag("mu", true, origin("set", makeConf, 19, true, null)) + ", "
                + flag("nothing", false, origin("none", null, null, false, null))
                + "]}, {\"atom\": \"app-misc/gone\", \"error\": \"no visible version in the repositories\"}]}";
    }

    @Test
    void renderedOriginsBecomeSetLines() throws Exception {
        PortageExplanation e = PortageExplanation.of(site(), "m1", answer());
        Map<String, Map<String, Object>> flags = e.flags("app-misc/hello");
        assertEquals(List.of("greeting", "colour", "l10n_de", "l10n_fr", "mu", "nothing"), List.copyOf(flags.keySet()));
        assertEquals(Map.of("kind", "set", "file", "config/sets/base/make.conf", "line", 2, "enabled", true),
                overridden(flags.get("greeting")).get(0));
        assertEquals("config/sets/base/make.conf:3", PortageExplanation.where(origin(flags.get("l10n_de"))));
        // L10N="de" resets l10n_* and sets de on one line: that line overrides nothing of its own.
        assertEquals(List.of(), overridden(flags.get("l10n_de")));
        // package.use/02-web has a one-line header: its line 2 is the set's line 1.
        assertEquals("config/sets/web/package.use:1", PortageExplanation.where(origin(flags.get("l10n_fr"))));
        // A */* line is appended to make.conf's USE by Portage: the set line, not the rendered USE line.
        assertEquals("config/sets/web/package.use:2", PortageExplanation.where(origin(flags.get("mu"))));
        assertEquals("profiles/default/linux/amd64/masks/use.mask:2",
                PortageExplanation.where(origin(flags.get("greeting"))));
    }

    @Test
    void linesNameTheDecidingAndTheOverriddenLine() throws Exception {
        List<String> lines = PortageExplanation.of(site(), "m1", answer()).lines();
        assertTrue(lines.contains("  greeting: off, masked by profiles/default/linux/amd64/masks/use.mask:2"
                + " (config/sets/base/make.conf:2 asked for on)"), String.join("\n", lines));
        assertTrue(lines.contains("  colour: on, forced by profiles/default/linux/amd64/masks/package.use.force:2"
                + " (config/sets/base/make.conf:2 asked for off)"), String.join("\n", lines));
        assertTrue(lines.contains("  l10n_fr: on, set by config/sets/web/package.use:1"), String.join("\n", lines));
        assertTrue(lines.contains("  nothing: off, not set anywhere"), String.join("\n", lines));
        assertTrue(lines.contains("  CFLAGS=\"-O2\"  from config/sets/base/make.conf:4"), String.join("\n", lines));
        assertTrue(lines.contains("  CHOST=\"x86_64-pc-linux-gnu\"  from profiles/default/linux/amd64/make.defaults:1"),
                String.join("\n", lines));
        assertTrue(lines.contains("app-misc/gone: no visible version in the repositories"), String.join("\n", lines));
        assertTrue(lines.contains("  USE=\"amd64\"  not set in make.conf, a profile's make.defaults or make.globals"
                + " (Portage derives it)"), String.join("\n", lines));
        assertFalse(String.join("\n", lines).contains("nowhere"), String.join("\n", lines));
    }

    @Test
    void theJsonReportIsWhatPythonsJsonReads() throws Exception {
        PortageExplanation e = PortageExplanation.of(site(), "m1", answer());
        assertEquals(flatten("$", e.report()), python(e.json()));
        @SuppressWarnings("unchecked")
        Map<String, Object> hello = (Map<String, Object>) ((List<Object>) e.report().get("packages")).get(0);
        assertEquals("1.0", hello.get("version"));
        @SuppressWarnings("unchecked")
        Map<String, Object> greeting = (Map<String, Object>) ((List<Object>) hello.get("flags")).get(0);
        assertEquals(List.of("flag", "enabled", "origin", "overridden"), List.copyOf(greeting.keySet()));
        assertEquals(List.of("kind", "file", "line", "enabled", "effect"),
                List.copyOf(origin(greeting).keySet()));
    }

    @Test
    void jsonReadsAndWritesEscapesAsPythonDoesAndRejectsWhatItRejects() throws Exception {
        // Written by us, read by Python: quotes, backslashes, control characters, non-ASCII, outside the BMP.
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", java.util.Arrays.asList(1, 2.5, 3_000_000_000L, -7, true, false, null,
                "q\"\\ \n\t\r\u0001\u001f\u007f é \u2028 \uD83D\uDE00 /"));
        value.put("b", Map.of());
        value.put("k\"ey\n", List.of(List.of(), "x"));
        assertEquals(flatten("$", value), python(Json.write(value)));
        // Written by hand, read by both: every escape JSON has, and spaces where JSON allows them.
        String text = " {\"a\" : [ 1 , -2.5e1 , true , false , null , \"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9"
                + " \\ud83d\\ude00\" ] , \"b\":{ }, \"c\" :[]}\n";
        assertEquals(python(text), flatten("$", Json.parse(text)));
        for (String garbage : List.of("{\"a\": 1} x", "{\"a\" 1}", "\"open", "[1,]", "{\"a\": tru}")) {
            assertTrue(pythonRejects(garbage), "Python's json accepts " + garbage);
            assertThrows(IllegalArgumentException.class, () -> Json.parse(garbage), garbage);
        }
    }

    /**
     * A JSON document as lines {@code PATH TYPE VALUE}, keys and strings as UTF-8 hex, in document
     * order: read by Python's json module, the independent oracle for our reader and writer.
     */
    private static final String FLATTEN = String.join("\n",
            "import json, sys",
            "def walk(p, v):",
            "    if isinstance(v, dict):",
            "        print(p, 'object', len(v))",
            "        for k, x in v.items(): walk(p + '.' + k.encode().hex(), x)",
            "    elif isinstance(v, list):",
            "        print(p, 'array', len(v))",
            "        for i, x in enumerate(v): walk(p + '[' + str(i) + ']', x)",
            "    elif isinstance(v, str): print(p, 'string', v.encode('utf-8', 'surrogatepass').hex())",
            "    elif v is None: print(p, 'null', '-')",
            "    elif isinstance(v, bool): print(p, 'boolean', str(v).lower())",
            "    elif isinstance(v, int): print(p, 'integer', v)",
            "    else: print(p, 'number', repr(v))",
            "try:",
            "    doc = json.loads(sys.stdin.buffer.read())",
            "except ValueError as e:",
            "    print('rejected:', e)",
            "    sys.exit(3)",
            "walk('$', doc)");

    /** What Python's json reads from {@code json}, flattened; fails if it rejects it. */
    private static List<String> python(String json) throws Exception {
        Map.Entry<Integer, String> out = runPython(json);
        assertEquals(0, out.getKey(), () -> "Python's json does not read\n" + json + "\n" + out.getValue());
        return out.getValue().lines().toList();
    }

    private static boolean pythonRejects(String json) throws Exception {
        return runPython(json).getKey() == 3;
    }

    private static Map.Entry<Integer, String> runPython(String json) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", FLATTEN).redirectErrorStream(true).start();
        } catch (IOException e) {
            Strict.assume(false, "python3 (Debian package python3): " + e.getMessage());
            throw e;
        }
        try (var in = p.getOutputStream()) {
            in.write(json.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
        return Map.entry(p.exitValue(), out);
    }

    /** The same lines as {@link #FLATTEN} prints, from the Java value. */
    private static List<String> flatten(String path, Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof Map<?, ?> map) {
            out.add(path + " object " + map.size());
            map.forEach((k, x) -> out.addAll(flatten(path + "." + hex((String) k), x)));
        } else if (v instanceof List<?> list) {
            out.add(path + " array " + list.size());
            for (int i = 0; i < list.size(); i++) {
                out.addAll(flatten(path + "[" + i + "]", list.get(i)));
            }
        } else if (v instanceof String s) {
            out.add(path + " string " + hex(s));
        } else if (v == null) {
            out.add(path + " null -");
        } else if (v instanceof Boolean b) {
            out.add(path + " boolean " + b);
        } else if (v instanceof Integer || v instanceof Long) {
            out.add(path + " integer " + v);
        } else {
            out.add(path + " number " + v);
        }
        return out;
    }

    private static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> origin(Map<String, Object> flag) {
        return (Map<String, Object>) flag.get("origin");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> overridden(Map<String, Object> flag) {
        return (List<Map<String, Object>>) flag.get("overridden");
    }
}
