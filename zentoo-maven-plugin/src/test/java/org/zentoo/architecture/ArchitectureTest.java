package org.zentoo.architecture;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dependencies point one way: plugin → pipeline → steps → engine, with the site
 * model below them all. Read from the main sources, so a new import that bends
 * an arrow fails the build where it is written.
 */
class ArchitectureTest {

    private static final PackageGraph MAIN = PackageGraph.read(Path.of("src/main/java"));

    /** The site model: loading config/ and rendering it must never reach a container. */
    private static final Set<String> MODEL = Set.of("atom", "config", "set", "machine", "makeconf", "site",
            "render", "explain", "json", "binpkg", "snapshot", "kernel", "seed", "archive", "files", "upgrade", "lock",
            "changes", "report", "binhost", "bugreport");

    @Test
    void noPackageCycles() {
        assertEquals(List.of(), MAIN.cycles(), "packages that depend on each other, directly or through others");
    }

    @Test
    void onlyThePluginPackageUsesMaven() {
        assertEquals(List.of(), MAIN.filesNaming("org.apache.maven", "plugin"));
    }

    @Test
    void onlyTheEnginePackageUsesDockerJava() {
        assertEquals(List.of(), MAIN.filesNaming("com.github.dockerjava", "engine"));
    }

    @Test
    void theSiteModelNeverReachesTheContainerToolkit() {
        for (String model : MODEL) {
            Set<String> reached = reachable(model);
            assertFalse(reached.contains("engine") || reached.contains("step") || reached.contains("pipeline")
                    || reached.contains("plugin"), model + " reaches " + reached);
        }
    }

    /** boot runs QEMU, not containers: steps may call it, it reaches neither them nor Docker nor Maven. */
    @Test
    void theBootPackageStaysARuntimeLeaf() {
        Set<String> reached = reachable("boot");
        assertFalse(reached.contains("engine") || reached.contains("step") || reached.contains("pipeline")
                || reached.contains("plugin") || reached.contains("distcc"), "boot reaches " + reached);
        assertTrue(MAIN.edges().containsKey("boot"), "the graph holds boot: " + MAIN.edges().keySet());
    }

    @Test
    void nothingBelowThePluginReachesIt() {
        MAIN.edges().forEach((from, to) -> assertFalse(!from.equals("plugin") && to.contains("plugin"),
                from + " refers to the plugin package"));
        assertTrue(MAIN.edges().containsKey("pipeline") && MAIN.edges().containsKey("step"),
                "the graph was read: " + MAIN.edges().keySet());
    }

    @Test
    void aCycleIsFound() {
        PackageGraph graph = new PackageGraph();
        graph.add(Path.of("org/zentoo/a/A.java"), "package org.zentoo.a; class A { org.zentoo.b.B b; }");
        graph.add(Path.of("org/zentoo/b/B.java"), "package org.zentoo.b;\nimport org.zentoo.c.C;\nclass B {}");
        graph.add(Path.of("org/zentoo/c/C.java"), "package org.zentoo.c; // org.zentoo.x.Y in a comment\n"
                + "class C { String s = \"org.zentoo.y.Z\"; org.zentoo.a.A a; }");
        assertEquals(List.of(Set.of("a", "b", "c")), graph.cycles());
        assertEquals(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a")), graph.edges());
    }

    private static Set<String> reachable(String from) {
        Set<String> seen = new java.util.TreeSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(MAIN.edges().getOrDefault(from, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(MAIN.edges().getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }
}
