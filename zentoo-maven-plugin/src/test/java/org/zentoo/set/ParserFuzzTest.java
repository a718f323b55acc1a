package org.zentoo.set;

import org.junit.jupiter.api.Test;
import org.zentoo.atom.Atom;
import org.zentoo.atom.AtomContext;
import org.zentoo.atom.AtomSyntaxException;
import org.zentoo.config.ConfigException;
import org.zentoo.config.ConfigProblems;
import org.zentoo.makeconf.MakeConfStack;
import org.zentoo.makeconf.UseExpand;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random and mutated inputs for every parser: each must parse or fail with a
 * ConfigException that has a line, never with anything else.
 */
class ParserFuzzTest {

    private static final long SEED = 20260101L;
    private static final int ROUNDS = 4000;
    private static final String ALPHABET = "aZ09-_+.@/:=!<>~*[](),?\"'\\$#{}` \t\n\rCONFIG_yé";

    private static final List<String> MAKE_CONF = List.of(
            "USE=\"-* ssl ${USE}\"\nL10N=\"de -fr\"\n", "CFLAGS='-O2 -pipe'\nCXXFLAGS=\"${CFLAGS}\"\n",
            "export FEATURES=\"buildpkg \\\n -sandbox\" # c\n", "ACCEPT_LICENSE=\"-* @FREE\"\nVIDEO_CARDS=\"-* amdgpu\"\n");
    private static final List<String> ATOMS = List.of(
            "!!>=dev-libs/openssl-3.0.1-r2:0/3=::gentoo[ssl(+),!bindist?,-x,y=]", "=app-misc/hello-1.0*",
            "*/*::gentoo", "@world", "~a/b-1_rc2", "dev-lang/python:3.12");
    private static final List<String> LINES = List.of(
            "*/* VIDEO_CARDS: -* amdgpu\napp-misc/hello -ssl # c\n", "app-misc/hello ~amd64 **\n",
            "app-misc/hello -* @FREE\n", "CONFIG_X=y\n# CONFIG_Y is not set\nCONFIG_S=\"a\"\n",
            "[gentoo]\nlocation = /var/db/repos/gentoo\n", "sshd default\n", "zentoo/base\nweb\n");

    @Test
    void everyInputParsesOrFailsWithALine() {
        Random random = new Random(SEED);
        for (int i = 0; i < ROUNDS; i++) {
            String makeConf = input(random, MAKE_CONF);
            check(makeConf, () -> new MakeConfStack(UseExpand.gentoo()).apply("s", "f", makeConf));
            String lines = input(random, LINES);
            for (String kind : SetFiles.PACKAGE_FILES) {
                check(lines, problems -> SetFileChecks.packageFile(kind, "f", lines, problems));
            }
            check(lines, problems -> SetFileChecks.packages("f", lines, problems));
            check(lines, problems -> SetFileChecks.parents("f", lines, problems));
            check(lines, problems -> SetFileChecks.services("f", lines, problems));
            check(lines, problems -> SetFileChecks.kernelConfig("f", lines, problems));
            check(lines, () -> ReposConf.parse("f", lines));
            String atom = input(random, ATOMS);
            for (AtomContext c : AtomContext.values()) {
                try {
                    Atom.parse(atom, c);
                } catch (AtomSyntaxException expected) {
                    assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
                } catch (RuntimeException e) {
                    fail("atom parser threw " + e + " for " + quoted(atom), e);
                }
            }
        }
    }

    private interface Parse {
        void run() throws ConfigException;
    }

    /** A check that records its problems. */
    private interface Recording {
        void run(ConfigProblems problems) throws ConfigException;
    }

    private static void check(String input, Recording recording) {
        check(input, () -> {
            ConfigProblems problems = new ConfigProblems();
            recording.run(problems);
            problems.throwIfAny();
        });
    }

    private static void check(String input, Parse parse) {
        try {
            parse.run();
        } catch (ConfigException e) {
            if (e.line() < 0 || e.getMessage() == null || e.problem().isEmpty()) {
                fail("bad ConfigException for " + quoted(input) + ": " + e.getMessage());
            }
        } catch (RuntimeException | StackOverflowError e) {
            fail("parser threw " + e + " for " + quoted(input), e);
        }
    }

    private static String input(Random random, List<String> seeds) {
        if (random.nextInt(4) == 0) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(60);
            for (int i = 0; i < n; i++) {
                b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            return b.toString();
        }
        StringBuilder b = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && !b.isEmpty(); m++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(4)) {
                case 0 -> b.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 1 -> b.deleteCharAt(at);
                case 2 -> b.setLength(at);
                default -> b.insert(at, b.substring(at, Math.min(b.length(), at + random.nextInt(8))));
            }
        }
        return b.toString();
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\n", "\\n") + "\"";
    }
}
