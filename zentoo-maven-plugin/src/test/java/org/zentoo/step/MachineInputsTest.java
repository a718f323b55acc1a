package org.zentoo.step;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.render.Layout;
import org.zentoo.render.Renderer;
import org.zentoo.site.Site;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Changing one set changes the inputs of exactly the machines whose stack holds it. */
class MachineInputsTest {

    @TempDir
    Path dir;

    private void write(String path, String text) throws Exception {
        Path p = dir.resolve("config").resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private String inputs(String machine) throws Exception {
        Path out = dir.resolve("out");
        Renderer.render(Site.load(dir.resolve("config")), List.of("web01", "db01"), out);
        return new MachineInputs().tree(out.resolve(Layout.root(machine))).tree(out.resolve(Layout.assembly(machine)))
                .value("sha256:seed").value("seed").hash();
    }

    @Test
    void aUseFlagInOneSetChangesOnlyTheMachinesThatStackIt() throws Exception {
        write("site.conf", "PROFILE=\"default/linux/amd64/23.0\"\nSEED=\"gentoo/stage3:amd64-openrc\"\n");
        write("sets/base/packages", "app-misc/hello\n");
        write("sets/web/package.use", "app-misc/hello greeting\n");
        write("machines/web01/parent", "base\nweb\n");
        write("machines/db01/parent", "base\n");
        write("machines/web01/machine.conf", "# site defaults\n");
        write("machines/db01/machine.conf", "# site defaults\n");
        String web = inputs("web01");
        String db = inputs("db01");
        assertEquals(web, inputs("web01"), "same config, same inputs");

        write("sets/web/package.use", "app-misc/hello -greeting\n");
        assertNotEquals(web, inputs("web01"));
        assertEquals(db, inputs("db01"));
    }

    @Test
    void everyValueCounts() {
        assertNotEquals(new MachineInputs().value("a").value("bc").hash(), new MachineInputs().value("ab").value("c").hash());
    }
}
