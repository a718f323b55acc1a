package org.zentoo.step;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectoryTarTest {

    @TempDir
    Path dir;

    @Test
    void writesTreesUnderPrefixesOwnedByRootKeepingModesAndLinks() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root/etc/portage"));
        Files.writeString(root.resolve("make.conf"), "USE=\"a\"\n");
        Files.createSymbolicLink(root.resolve("make.profile"), Path.of("/var/db/repos/gentoo/profiles/x"));
        Path overlay = Files.createDirectories(dir.resolve("overlay/usr/local/bin"));
        Path script = Files.writeString(overlay.resolve("hello"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DirectoryTar.write(List.of(new DirectoryTar.Tree(dir.resolve("root"), "var/tmp/zentoo/root"),
                new DirectoryTar.Tree(dir.resolve("overlay"), "var/tmp/zentoo/overlay"),
                new DirectoryTar.Tree(dir.resolve("absent"), "nowhere")), out);

        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.add(e);
            }
        }
        List<String> names = entries.stream().map(TarArchiveEntry::getName).toList();
        assertTrue(names.contains("var/tmp/zentoo/root/etc/portage/make.conf"), names::toString);
        TarArchiveEntry link = entries.get(names.indexOf("var/tmp/zentoo/root/etc/portage/make.profile"));
        assertTrue(link.isSymbolicLink());
        assertEquals("/var/db/repos/gentoo/profiles/x", link.getLinkName());
        TarArchiveEntry hello = entries.get(names.indexOf("var/tmp/zentoo/overlay/usr/local/bin/hello"));
        assertEquals(0750, hello.getMode() & 07777);
        assertTrue(entries.stream().allMatch(e -> e.getLongUserId() == 0 && e.getLongGroupId() == 0));
        assertTrue(names.stream().noneMatch(n -> n.startsWith("nowhere")));
    }
}
