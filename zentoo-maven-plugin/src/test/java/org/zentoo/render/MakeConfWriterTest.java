package org.zentoo.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.config.ConfigException;
import org.zentoo.machine.Machine;
import org.zentoo.makeconf.Assignment;
import org.zentoo.makeconf.MakeConfParser;
import org.zentoo.site.Site;
import org.zentoo.testing.SiteFiles;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MakeConfWriterTest {

    @TempDir
    Path root;

    @Test
    void writtenFileReadsBackToTheStackedValues() throws ConfigException {
        SiteFiles s = new SiteFiles(root)
                .file("sets/a/make.conf", "PORTAGE_ELOG_SYSTEM='save'", "X=\"quote\\\" dollar\\$ back\\\\ tick\\`\"",
                        "MULTI=\"a", "  b\"", "FEATURES=\"-* buildpkg\"")
                .machine("m", "a");
        Site site = Site.load(s.config());
        Machine m = site.machine("m");
        var stack = MachineComposer.makeConf(site, m.stack());
        String text = MakeConfWriter.write(m, stack);
        Map<String, String> back = new LinkedHashMap<>();
        for (Assignment a : MakeConfParser.parse("make.conf", text, Map.of())) {
            back.put(a.name(), a.value());
        }
        assertEquals(stack.written(), back);
        assertEquals("quote\" dollar$ back\\ tick`", back.get("X"));
        assertTrue(text.contains("#   MULTI from a (config/sets/a/make.conf:3): a b\n"), text);
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
