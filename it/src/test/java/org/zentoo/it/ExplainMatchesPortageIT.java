package org.zentoo.it;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zentoo.step.PortageVariables;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.Mount;
import org.zentoo.explain.Explainer;
import org.zentoo.explain.Explanation;
import org.zentoo.machine.Machine;
import org.zentoo.render.Layout;
import org.zentoo.render.Renderer;
import org.zentoo.site.Site;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Promise 1: what explain says is what Portage computes. A site of six sets with
 * overrides, {@code -flag}, {@code -*} and USE_EXPAND variables is rendered, its
 * config is mounted read-only at /etc/portage in the real-Portage test stage, and
 * portageq and emerge -pv are asked.
 */
class ExplainMatchesPortageIT {

    /** What the fixture profile turns on by itself (USE_EXPAND_IMPLICIT values). */
    private static final List<String> PROFILE_USE = List.of("elibc_glibc", "kernel_linux");
    /** app-misc/hello's IUSE in the fixture repository; colour is on by default (+colour). */
    private static final Set<String> HELLO_IUSE = Set.of("colour", "greeting", "l10n_de", "l10n_fr");
    private static final Pattern EXPANDED = Pattern.compile("([A-Z0-9_]+)=\"([^\"]*)\"");

    @TempDir
    Path out;

    @ParameterizedTest
    @ValueSource(strings = {"m1", "m2"})
    void explainAndPortageAgree(String id) throws Exception {
        Site site = Site.load(TestStage.itBasedir().resolve("src/test/resources/differential/config"));
        Renderer.render(site, List.of(id), out);
        Machine machine = site.machine(id);

        List<String> lines = new ArrayList<>();
        try (DockerEngine engine = TestStage.engine("zentoo-it-differential")) {
            int exit = engine.containers().run(new ContainerSpec(TestStage.IMAGE).machine(id)
                    .mount(Mount.bind(out.resolve(Layout.portage(id)), "/etc/portage", true))
                    .script("portageq envvar -v USE L10N VIDEO_CARDS CFLAGS CXXFLAGS FEATURES ACCEPT_LICENSE"
                            + "; echo '---'; emerge --pretend --verbose --nodeps --color=n app-misc/hello"),
                    lines::add);
            assertEquals(0, exit, () -> String.join("\n", lines));
        }
        Map<String, String> portage = PortageVariables.parse(lines.subList(0, lines.indexOf("---")));

        // portageq exits 1 when one of the variables is unset (VIDEO_CARDS may be); the values still print.
        // Global USE: Portage adds ARCH itself.
        TreeSet<String> expected = new TreeSet<>(Explainer.globalUse(site, machine).enabledOver(PROFILE_USE));
        expected.add("amd64");
        assertEquals(expected, new TreeSet<>(Arrays.asList(portage.get("USE").split("\\s+"))), "USE of " + id);

        // app-misc/hello's USE, package.use included, as emerge -pv shows it.
        String hello = lines.stream().filter(l -> l.contains("app-misc/hello-1.0")).findFirst().orElseThrow();
        TreeSet<String> helloExpected = new TreeSet<>(Explainer.packageUse(site, machine, "app-misc/hello")
                .enabledOver(List.of("colour", "elibc_glibc", "kernel_linux")));
        helloExpected.retainAll(HELLO_IUSE);
        assertEquals(helloExpected, enabledIn(hello), "app-misc/hello on " + id + ": " + hello);

        // Plain make.conf variables are what explain reports, after ${VAR} expansion.
        Explanation explanation = Explainer.explain(site, id, "app-misc/hello", false);
        for (String variable : List.of("CFLAGS", "CXXFLAGS")) {
            assertNotNull(explanation.variables().get(variable), variable);
            assertEquals(explanation.variables().get(variable), portage.get(variable), variable + " of " + id);
        }
        // FEATURES stacks over make.globals: each token explain turns off is off in Portage.
        Set<String> features = Set.of(portage.get("FEATURES").split("\\s+"));
        for (String token : explanation.variables().get("FEATURES").split("\\s+")) {
            assertTrue(token.startsWith("-") ? !features.contains(token.substring(1)) : features.contains(token),
                    "FEATURES " + token + " of " + id + " vs " + features);
        }
    }

    /** {@code USE="greeting -colour" L10N="fr -de"} to {greeting, l10n_fr}. */
    /** The flags an {@code emerge -pv} line shows enabled, USE_EXPAND ones with their prefix. */
    static TreeSet<String> enabledIn(String emergeLine) {
        TreeSet<String> on = new TreeSet<>();
        Matcher m = EXPANDED.matcher(emergeLine);
        while (m.find()) {
            String prefix = m.group(1).equals("USE") ? "" : m.group(1).toLowerCase() + "_";
            for (String v : m.group(2).split("\\s+")) {
                if (!v.isEmpty() && !v.startsWith("-") && !v.startsWith("(")) {
                    on.add(prefix + v.replaceAll("[*%]+$", ""));
                }
            }
        }
        return on;
    }
}
