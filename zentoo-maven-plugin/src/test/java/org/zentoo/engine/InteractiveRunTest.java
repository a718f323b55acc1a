package org.zentoo.engine;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InteractiveRunTest {

    @Test
    void commandLineCarriesLabelsMountsAndEnvironmentButNeverPrivileges() {
        RunIdentity run = new RunIdentity("org.example:site", "r1", "host", 42);
        ContainerSpec spec = new ContainerSpec("gentoo/stage3:amd64-openrc").machine("web01")
                .mount(Mount.bind(Path.of("/site/target/zentoo/machines/web01/etc/portage"), "/etc/portage", true))
                .mount(Mount.volume("zentoo-binpkgs", "/var/cache/binpkgs", true))
                .env("PKGDIR", "/var/cache/binpkgs/p")
                .script("emerge --info");
        List<String> line = InteractiveRun.commandLine(spec, run, false);
        assertEquals(List.of("docker", "run", "--rm"), line.subList(0, 3));
        assertTrue(line.contains("org.zentoo.machine=web01"));
        assertTrue(line.contains("org.zentoo.site=org.example:site"));
        assertTrue(line.contains("type=bind,source=/site/target/zentoo/machines/web01/etc/portage,target=/etc/portage,readonly"));
        assertTrue(line.contains("type=volume,source=zentoo-binpkgs,target=/var/cache/binpkgs,readonly"));
        assertTrue(line.contains("PKGDIR=/var/cache/binpkgs/p"));
        assertEquals(List.of("gentoo/stage3:amd64-openrc", "/bin/bash", "-c", "emerge --info"),
                line.subList(line.size() - 4, line.size()));
        assertFalse(line.contains("-it"));
        assertFalse(line.stream().anyMatch(s -> s.contains("privileged")));
        assertTrue(InteractiveRun.commandLine(spec, run, true).contains("-it"));
        assertFalse(line.contains("--platform"));
        List<String> arm = InteractiveRun.commandLine(spec, run, false,
                java.util.Optional.of(org.zentoo.machine.Platform.ARM64));
        assertEquals(List.of("--platform", "linux/arm64"), arm.subList(3, 5), "the platform comes before the image");
    }
}
