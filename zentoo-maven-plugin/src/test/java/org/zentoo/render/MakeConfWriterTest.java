package org.zentoo.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.config.ConfigException;
import org.zentoo.machine.Machine;
import org.zentoo.site.Site;
import org.zentoo.testing.SiteFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MakeConfWriterTest {

    @TempDir
    Path root;

    /**
     * The oracle is bash, which is what Portage's make.conf syntax is: the written file is
     * {@code source}d by a real shell (with nothing else in its environment) and every
     * variable it defines is printed. A quoting bug the writer shared with our own
     * make.conf parser would still show here.
     */
    @Test
    void bashSourcingTheWrittenFileGetsTheStackedValues() throws Exception {
        SiteFiles s = new SiteFiles(root)
                .file("sets/a/make.conf",
                        "PORTAGE_ELOG_SYSTEM='save'",
                        "X=\"quote\\\" dollar\\$ back\\\\ tick\\`\"",
                        "MULTI=\"a", "  b\"",
                        "FEATURES=\"-* buildpkg\"",
                        "SQ=\"it's\"",
                        "CMD='$(touch pwned) `touch pwned` ${HOME} !x'",
                        "DIR=\"/var/tmp\"",
                        "PKGDIR=\"${DIR}/pkgs\"",
                        "EMPTY=\"\"")
                .machine("m", "a");
        Site site = Site.load(s.config());
        Machine m = site.machine("m");
        String text = MakeConfWriter.write(m, MachineComposer.makeConf(site, m.stack()));

        Map<String, String> expected = new TreeMap<>();
        expected.put("PORTAGE_ELOG_SYSTEM", "save");
        expected.put("X", "quote\" dollar$ back\\ tick`");
        expected.put("MULTI", "a\n  b");
        expected.put("FEATURES", "-* buildpkg");
        expected.put("SQ", "it's");
        expected.put("CMD", "$(touch pwned) `touch pwned` ${HOME} !x");
        expected.put("DIR", "/var/tmp");
        expected.put("PKGDIR", "/var/tmp/pkgs");
        expected.put("EMPTY", "");
        assertEquals(expected, sourcedByBash(text));
        assertTrue(text.contains("#   MULTI from a (config/sets/a/make.conf:3): a b\n"), text);
    }

    /** Every variable that sourcing {@code makeConf} defines, as bash sees it. */
    private Map<String, String> sourcedByBash(String makeConf) throws Exception {
        Path dir = Files.createDirectories(root.resolve("bash"));
        Path file = Files.writeString(dir.resolve("make.conf"), makeConf);
        Path out = dir.resolve("out");
        // NUL-separated name/value pairs of the variables that exist after, and not before, the source;
        // the first pipeline makes bash's own PIPESTATUS exist before.
        String script = ": | :; compgen -v > before; source ./make.conf; compgen -v > after\n"
                + "for v in $(comm -13 <(sort before) <(sort after)); do printf '%s\\0%s\\0' \"$v\" \"${!v}\"; done > out\n";
        Process bash = new ProcessBuilder("env", "-i", "PATH=/usr/bin:/bin", "bash", "--norc", "--noprofile",
                "-euc", script).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").toFile()).start();
        assertTrue(bash.waitFor(60, TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, bash.exitValue(), () -> "bash could not source " + file + ":\n" + read(dir.resolve("log")));
        assertFalse(Files.exists(dir.resolve("pwned")), "sourcing make.conf ran a command");
        String[] fields = Files.readString(out).split("\0", -1);
        Map<String, String> variables = new TreeMap<>();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            variables.put(fields[i], fields[i + 1]);
        }
        return variables;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void profileMustBeARelativePath() {
        for (String bad : new String[]{"/abs/path", "../up", "gentoo:", "a b"}) {
            SiteFiles s = new SiteFiles(root.resolve(String.valueOf(bad.hashCode())))
                    .file("machines/m/machine.conf", "PROFILE=\"" + bad + "\"", "SEED=x:1");
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ProfileLink.target(Site.load(s.config()).machine("m")), bad);
            assertTrue(e.problem().contains("expected a path such as default/linux/amd64/23.0 or repo:path"), e.getMessage());
        }
    }

    @Test
    void servicesCanBeTakenBack() throws ConfigException {
        SiteFiles s = new SiteFiles(root).file("sets/a/services", "sysklogd default", "sshd")
                .file("machines/m/services", "-sysklogd", "-nothing").machine("m", "a");
        Site site = Site.load(s.config());
        RenderedMachine r = MachineComposer.compose(site, site.machine("m"));
        String services = ((Entry.Text) r.files().get("assembly/m/services")).content();
        assertTrue(services.endsWith("\nsshd # config/sets/a/services:2\n"), services);
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).startsWith("config/machines/m/services:2: -nothing removes nothing"));
    }
}
