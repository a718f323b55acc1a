package org.zentoo.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.seed.SeedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverlayTest {

    @TempDir
    Path root;

    private void reposConf(String file, String text) throws Exception {
        Files.writeString(Files.createDirectories(root.resolve("etc/portage/repos.conf")).resolve(file), text);
    }

    @Test
    void sectionsWithATarballAreOverlaysInNameOrder() throws Exception {
        reposConf("01-base.conf", "[DEFAULT]\nmain-repo = gentoo\n\n[gentoo]\nlocation = /var/db/repos/gentoo\n");
        reposConf("02-mycorp.conf", "[mycorp]\nlocation = /var/db/repos/mycorp\n"
                + "zentoo-snapshot = https://repo.example.org/mycorp.tar.xz\n"
                + "[guru]\nlocation = /var/db/repos/guru/\nzentoo-snapshot = file:overlays/guru.tar.gz\n");

        List<Overlay> overlays = Overlay.read(root);

        assertEquals(List.of("guru", "mycorp"), overlays.stream().map(Overlay::name).toList());
        assertEquals("guru", overlays.get(0).directory());
        assertEquals("file:overlays/guru.tar.gz", overlays.get(0).source().value());
        assertEquals(".tar.xz", overlays.get(1).source().suffix());
    }

    @Test
    void noReposConfMeansNoOverlays() throws Exception {
        assertEquals(List.of(), Overlay.read(root));
    }

    @Test
    void aTarballRepositoryMustLiveDirectlyUnderVarDbRepos() {
        SeedException e = assertThrows(SeedException.class,
                () -> Overlay.of("mycorp", "/srv/overlays/mycorp", "file:mycorp.tar.xz"));
        assertTrue(e.getMessage().startsWith("repos.conf [mycorp] zentoo-snapshot: location '/srv/overlays/mycorp'"),
                e.getMessage());
        assertThrows(SeedException.class, () -> Overlay.of("x", "/var/db/repos/a/b", "file:x.tar.xz"));
        assertThrows(SeedException.class, () -> Overlay.of("x", "/var/db/repos/.zentoo-fill.1", "file:x.tar.xz"));
        SeedException notTarball = assertThrows(SeedException.class,
                () -> Overlay.of("x", "/var/db/repos/x", "https://example.org/x.zip"));
        assertTrue(notTarball.getMessage().contains("repos.conf [x] zentoo-snapshot 'https://example.org/x.zip'"),
                notTarball.getMessage());
    }
}
