package org.zentoo.it;

import org.zentoo.explain.Explainer;
import org.zentoo.makeconf.TokenStack;
import org.zentoo.render.Renderer;
import org.zentoo.site.Site;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A random site of stacked sets (USE with -flag, -*, -prefix_*, L10N and
 * VIDEO_CARDS, package.use with USE_EXPAND syntax), rendered, with what Zentoo
 * expects Portage's {@code portageq envvar USE} to print for each machine over the
 * test stage's fixture profile, and which flags of app-misc/hello
 * {@code emerge -pv} should show enabled. {@link DifferentialUseIT} asks Portage.
 */
final class DifferentialUseSite {

    /** What Zentoo expects of one machine: its global USE, and app-misc/hello's enabled flags. */
    record Expected(TreeSet<String> use, TreeSet<String> hello) {
    }

    /** What the fixture profile default/linux/amd64 of the test stage enables by itself. */
    private static final List<String> FIXTURE_PROFILE_USE = List.of("elibc_glibc", "kernel_linux");
    private static final String[] USE = {"aa", "bb", "cc", "l10n_de", "l10n_fr", "-aa", "-bb", "-cc", "-*", "-l10n_*",
            "-l10n_de", "-elibc_glibc", "-kernel_linux", "video_cards_fbdev"};
    private static final String[] L10N = {"de", "fr", "en", "-de", "-fr", "-*"};
    private static final String[] PACKAGE_USE = {"greeting", "-greeting", "colour", "-colour", "-*", "l10n_de",
            "-l10n_fr", "L10N: de", "L10N: -* fr", "L10N: -de"};
    private static final String[] PACKAGE_ATOMS = {"app-misc/hello", "*/*", "app-misc/*", ">=app-misc/hello-1"};
    /** app-misc/hello's IUSE in the fixture repository; only colour is on by default. */
    private static final List<String> HELLO_IUSE = List.of("colour", "greeting", "l10n_de", "l10n_fr");

    private DifferentialUseSite() {
    }

    /**
     * Writes the site for {@code seed} under {@code root}/config, renders it into
     * {@code root}/out and returns the expectations by machine id.
     */
    static Map<String, Expected> generate(Path root, long seed, int machines) throws Exception {
        Random random = new Random(seed);
        Path config = root.resolve("config");
        write(config.resolve("sets/s0/repos.conf"),
                "[DEFAULT]\nmain-repo = zentoo-test\n[zentoo-test]\nlocation = /var/db/repos/zentoo-test\n");
        write(config.resolve("sets/s0/make.conf"),
                "FEATURES=\"-sandbox -usersandbox -ipc-sandbox -network-sandbox -pid-sandbox\"\nACCEPT_LICENSE=\"*\"\n");
        for (int s = 1; s < 30; s++) {
            Path dir = config.resolve("sets/s" + s);
            write(dir.resolve("parent"), "s" + random.nextInt(s) + "\n");
            StringBuilder makeConf = new StringBuilder();
            if (random.nextBoolean()) {
                makeConf.append("USE=\"").append(pick(random, USE)).append("\"\n");
            }
            if (random.nextInt(3) == 0) {
                makeConf.append("L10N=\"").append(pick(random, L10N)).append("\"\n");
            }
            if (random.nextInt(4) == 0) {
                makeConf.append("VIDEO_CARDS=\"vesa\"\n");
            }
            write(dir.resolve("make.conf"), makeConf.toString());
            if (random.nextInt(3) == 0) {
                write(dir.resolve("package.use"), PACKAGE_ATOMS[random.nextInt(PACKAGE_ATOMS.length)] + " "
                        + pick(random, PACKAGE_USE) + "\n");
            }
        }
        for (int m = 0; m < machines; m++) {
            Path dir = config.resolve("machines/m" + m);
            write(dir.resolve("parent"), "s0\ns" + (1 + random.nextInt(29))
                    + (random.nextBoolean() ? "\ns" + (1 + random.nextInt(29)) : "") + "\n");
            write(dir.resolve("machine.conf"), "PROFILE=\"zentoo-test:default/linux/amd64\"\nSEED=\"gentoo/stage3:amd64-openrc\"\n");
        }
        Site site = Site.load(config);
        Renderer.render(site, List.of(), root.resolve("out"));
        Map<String, Expected> expected = new TreeMap<>();
        for (String id : site.defaultMachines()) {
            TreeSet<String> flags = over(Explainer.globalUse(site, site.machine(id)), FIXTURE_PROFILE_USE);
            flags.add("amd64");
            TreeSet<String> hello = over(Explainer.packageUse(site, site.machine(id), "app-misc/hello"),
                    List.of("colour", "elibc_glibc", "kernel_linux"));
            hello.retainAll(HELLO_IUSE);
            expected.put(id, new Expected(flags, hello));
        }
        return expected;
    }

    private static TreeSet<String> over(TokenStack use, List<String> below) {
        return new TreeSet<>(use.enabledOver(below));
    }

    private static String pick(Random random, String[] pool) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(4); i >= 0; i--) {
            b.append(pool[random.nextInt(pool.length)]).append(' ');
        }
        return b.toString().strip();
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
