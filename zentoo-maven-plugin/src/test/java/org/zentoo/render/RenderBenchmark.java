package org.zentoo.render;

import org.zentoo.site.Site;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Not a test: renders a generated site of 500 machines over 100 sets and prints
 * machines per second. Run it with bench/render.sh.
 */
public final class RenderBenchmark {

    private static final int SETS = 100;
    private static final int MACHINES = 500;

    private RenderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path work = Files.createTempDirectory("zentoo-bench-");
        Path config = work.resolve("config");
        generate(config, new Random(42));
        double best = 0;
        for (int round = 1; round <= rounds; round++) {
            Path out = work.resolve("out-" + round);
            long start = System.nanoTime();
            Site site = Site.load(config);
            RenderResult result = Renderer.render(site, List.of(), out);
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = result.machines().size() / seconds;
            best = Math.max(best, rate);
            System.out.printf("round %d: %d machines in %.2f s = %.0f machines/s (load, compose and write)%n",
                    round, result.machines().size(), seconds, rate);
        }
        System.out.printf("best: %.0f machines/s over %d sets%n", best, SETS);
        if (System.getenv("ZENTOO_BENCH_KEEP") == null) {
            Renderer.deleteTree(work);
        } else {
            System.out.println("kept " + work);
        }
    }

    private static void generate(Path config, Random random) throws Exception {
        for (int s = 0; s < SETS; s++) {
            Path dir = config.resolve("sets/s" + s);
            Files.createDirectories(dir);
            if (s > 0) {
                Files.writeString(dir.resolve("parent"), "s" + random.nextInt(s) + "\n");
            }
            Files.writeString(dir.resolve("make.conf"), "USE=\"flag" + s + " -other" + random.nextInt(50)
                    + "\"\nL10N=\"de -fr\"\nFEATURES=\"buildpkg -f" + s + "\"\nCFLAGS=\"${CFLAGS} -O2\"\n");
            StringBuilder packages = new StringBuilder();
            StringBuilder use = new StringBuilder();
            for (int p = 0; p < 20; p++) {
                packages.append("cat-").append(s).append("/pkg").append(alpha(p)).append('\n');
                use.append(">=cat-").append(s).append("/pkg").append(alpha(p)).append("-1.0:0 ssl -ipv6 L10N: de\n");
            }
            Files.writeString(dir.resolve("packages"), packages);
            Files.writeString(dir.resolve("package.use"), use);
            Files.writeString(dir.resolve("package.accept_keywords"), "cat-" + s + "/pkga ~amd64\n");
            Files.writeString(dir.resolve("kernel.config"), "CONFIG_S" + s + "=y\n");
        }
        for (int m = 0; m < MACHINES; m++) {
            Path dir = config.resolve("machines/m" + m);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("parent"), "s" + random.nextInt(SETS) + "\ns" + random.nextInt(SETS)
                    + "\ns" + random.nextInt(SETS) + "\n");
            Files.writeString(dir.resolve("machine.conf"), "PROFILE=\"default/linux/amd64/23.0\"\nSEED=\"gentoo/stage3:amd64-openrc\"\n");
            Files.writeString(dir.resolve("make.conf"), "USE=\"m" + m + "\"\n");
        }
    }

    /** Package names must not end like a version, so the generated ones use letters. */
    private static String alpha(int n) {
        return String.valueOf((char) ('a' + n));
    }
}
