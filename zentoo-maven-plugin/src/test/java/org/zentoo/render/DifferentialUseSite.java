package org.zentoo.render;

import org.zentoo.makeconf.FlagState;
import org.zentoo.makeconf.TokenStack;
import org.zentoo.site.Site;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Not a test: writes a random site of stacked sets (USE with -flag, -*, -prefix_*,
 * L10N and VIDEO_CARDS), renders it, and writes what Zentoo expects Portage's
 * {@code portageq envvar USE} to print for each machine over the test stage's fixture
 * profile. it/differential-use.sh compares that with Portage itself.
 */
public final class DifferentialUseSite {

    /** What the fixture profile default/linux/amd64 of the test stage enables by itself. */
    private static final List<String> FIXTURE_PROFILE_USE = List.of("elibc_glibc", "kernel_linux");
    private static final String[] USE = {"aa", "bb", "cc", "l10n_de", "l10n_fr", "-aa", "-bb", "-cc", "-*", "-l10n_*",
            "-l10n_de", "-elibc_glibc", "-kernel_linux", "video_cards_fbdev"};
    private static final String[] L10N = {"de", "fr", "en", "-de", "-fr", "-*"};

    private DifferentialUseSite() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
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
        }
        for (int m = 0; m < 40; m++) {
            Path dir = config.resolve("machines/m" + m);
            write(dir.resolve("parent"), "s0\ns" + (1 + random.nextInt(29))
                    + (random.nextBoolean() ? "\ns" + (1 + random.nextInt(29)) : "") + "\n");
            write(dir.resolve("machine.conf"), "PROFILE=\"zentoo-test:default/linux/amd64\"\nSEED=\"unused\"\n");
        }
        Site site = Site.load(config);
        Renderer.render(site, List.of(), root.resolve("out"));
        StringBuilder expected = new StringBuilder();
        for (String id : site.defaultMachines()) {
            TokenStack use = MachineComposer.makeConf(site, site.machine(id).stack()).effectiveUse();
            TreeSet<String> flags = new TreeSet<>();
            if (use.clearedBy() == null) {
                flags.addAll(FIXTURE_PROFILE_USE);
            }
            use.prefixClears().keySet().forEach(p -> flags.removeIf(f -> f.startsWith(p)));
            for (FlagState f : use.flags()) {
                if (f.enabled()) {
                    flags.add(f.flag());
                } else {
                    flags.remove(f.flag());
                }
            }
            flags.add("amd64");
            expected.append(id).append(' ').append(String.join(" ", flags)).append('\n');
        }
        Files.writeString(root.resolve("expected.txt"), expected.toString());
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
