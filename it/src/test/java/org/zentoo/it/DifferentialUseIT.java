package org.zentoo.it;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.Mount;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Promise 1 on random stacks: for fixed seeds, a generated site of 20 machines
 * (USE with -flag, -*, -prefix_*, USE_EXPAND variables, package.use with
 * USE_EXPAND syntax) is rendered, and for every machine Zentoo's global USE and
 * app-misc/hello's USE are compared with what Portage itself computes from the
 * rendered config in the test stage ({@code portageq envvar USE}, {@code emerge -pv}).
 */
class DifferentialUseIT {

    private static final int MACHINES = 20;

    @TempDir
    Path work;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void zentooAndPortageAgreeOnEveryMachine(long seed) throws Exception {
        Map<String, DifferentialUseSite.Expected> expected = DifferentialUseSite.generate(work, seed, MACHINES);
        assertEquals(MACHINES, expected.size(), "machines generated");

        List<String> lines = new ArrayList<>();
        try (DockerEngine engine = TestStage.engine("zentoo-it-differential-use")) {
            int exit = engine.containers().run(new ContainerSpec(TestStage.IMAGE).machine("differential")
                    .mount(Mount.bind(work.resolve("out/machines"), "/m", true))
                    .script("for d in $(ls /m); do"
                            + " printf 'use %s %s\\n' \"$d\" \"$(PORTAGE_CONFIGROOT=/m/$d portageq envvar USE)\";"
                            + " printf 'hello %s ' \"$d\";"
                            + " PORTAGE_CONFIGROOT=/m/$d emerge --pretend --verbose --nodeps --color=n app-misc/hello"
                            + " 2>&1 | grep 'app-misc/hello-' || echo 'no hello line';"
                            + " done"),
                    lines::add);
            assertEquals(0, exit, () -> String.join("\n", lines));
        }
        Map<String, TreeSet<String>> use = new TreeMap<>();
        Map<String, TreeSet<String>> hello = new TreeMap<>();
        for (String line : lines) {
            String[] words = line.split(" ", 3);
            if (words.length == 3 && words[0].equals("use")) {
                use.put(words[1], new TreeSet<>(Arrays.asList(words[2].trim().split("\\s+"))));
            } else if (words.length == 3 && words[0].equals("hello")) {
                hello.put(words[1], ExplainMatchesPortageIT.enabledIn(words[2]));
            }
        }
        assertEquals(expected.keySet(), use.keySet(), () -> "Portage answered for other machines:\n" + lines);
        expected.forEach((machine, zentoo) -> {
            assertEquals(zentoo.use(), use.get(machine), "global USE of " + machine + " (seed " + seed + ")");
            assertEquals(zentoo.hello(), hello.get(machine), "app-misc/hello's USE on " + machine
                    + " (seed " + seed + ")");
        });
    }
}
