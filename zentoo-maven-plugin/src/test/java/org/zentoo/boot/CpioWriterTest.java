package org.zentoo.boot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.testing.Strict;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The newc writer, read back by GNU cpio, the independent reader. */
class CpioWriterTest {

    @TempDir
    Path tmp;

    static boolean hasCpio() {
        return Files.isExecutable(Path.of("/usr/bin/cpio")) || Files.isExecutable(Path.of("/bin/cpio"));
    }

    /** Runs a command in {@code dir} with {@code input} on stdin; returns stdout (stderr is appended on failure). */
    static String run(Path dir, Path input, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir.getParent(), "out", ".txt");
        Path err = Files.createTempFile(dir.getParent(), "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        if (input != null) {
            pb.redirectInput(input.toFile());
        }
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + Files.readString(err));
        return Files.readString(out);
    }

    @Test
    void gnuCpioListsAndExtractsEveryKindOfEntry() throws Exception {
        Strict.assume(hasCpio(), "GNU cpio (apt-get install cpio)");
        Path archive = tmp.resolve("a.cpio");
        byte[] big = new byte[70_001];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        try (OutputStream out = Files.newOutputStream(archive); CpioWriter cpio = new CpioWriter(out)) {
            cpio.directory(".", 0755, 1_700_000_000L);
            cpio.directory("etc", 0750, 1_700_000_000L);
            cpio.file("etc/odd name", 0640, 1_600_000_000L, "x".getBytes(StandardCharsets.UTF_8));
            cpio.file("big", 0644, 0, big);
            long shared = cpio.newInode();
            cpio.entry("a", CpioWriter.S_IFREG | 0755, 0, 0, 2, 5, shared, 0, 0, 3,
                    new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)));
            cpio.entry("b", CpioWriter.S_IFREG | 0755, 0, 0, 2, 5, shared, 0, 0, 0, null);
            byte[] target = "etc/odd name".getBytes(StandardCharsets.UTF_8);
            cpio.entry("link", CpioWriter.S_IFLNK | 0777, 0, 0, 1, 5, cpio.newInode(), 0, 0, target.length,
                    new ByteArrayInputStream(target));
            cpio.directory("dev", 0755, 0);
            cpio.charDevice("dev/console", 0600, 5, 1);
            cpio.entry("fifo", CpioWriter.S_IFIFO | 0644, 0, 0, 1, 5, cpio.newInode(), 0, 0, 0, null);
        }
        assertEquals(0, Files.size(archive) % 4);

        String listing = run(tmp, archive, "cpio", "-t", "-v", "--quiet");
        List<String> lines = listing.lines().toList();
        assertEquals(List.of(".", "etc", "etc/odd name", "big", "a", "b", "link", "dev", "dev/console", "fifo"),
                lines.stream().map(CpioWriterTest::nameOf).toList(), listing);
        assertTrue(lines.get(0).startsWith("drwxr-xr-x"), listing);
        assertTrue(lines.get(1).startsWith("drwxr-x---"), listing);
        assertTrue(lines.get(4).startsWith("-rwxr-xr-x   2"), listing);
        assertTrue(lines.get(6).startsWith("lrwxrwxrwx") && lines.get(6).endsWith("link -> etc/odd name"), listing);
        assertTrue(lines.get(8).matches("crw------- +1 root +root +5, +1 .*dev/console"), listing);
        assertTrue(lines.get(9).startsWith("prw-r--r--"), listing);

        Path x = Files.createDirectory(tmp.resolve("x"));
        run(x, archive, "cpio", "-i", "-d", "-m", "--quiet", "--no-absolute-filenames");
        assertEquals("x", Files.readString(x.resolve("etc/odd name")));
        assertEquals(1_600_000_000_000L, Files.getLastModifiedTime(x.resolve("etc/odd name")).toMillis());
        assertTrue(java.util.Arrays.equals(big, Files.readAllBytes(x.resolve("big"))));
        assertEquals("abc", Files.readString(x.resolve("a")));
        assertEquals("abc", Files.readString(x.resolve("b")));
        assertEquals(Files.getAttribute(x.resolve("a"), "unix:ino"), Files.getAttribute(x.resolve("b"), "unix:ino"));
        assertEquals(Path.of("etc/odd name"), Files.readSymbolicLink(x.resolve("link")));
        if ("root".equals(System.getProperty("user.name"))) {
            assertEquals((5 << 8) | 1, ((Number) Files.getAttribute(x.resolve("dev/console"), "unix:rdev",
                    LinkOption.NOFOLLOW_LINKS)).intValue() & 0xfffff);
        }
    }

    @Test
    void refusesWhatNewcCannotHold() throws IOException {
        try (CpioWriter cpio = new CpioWriter(OutputStream.nullOutputStream())) {
            assertThrows(IOException.class, () -> cpio.entry("huge", CpioWriter.S_IFREG | 0644, 0, 0, 1, 0,
                    cpio.newInode(), 0, 0, 1L << 32, null));
            assertThrows(IllegalArgumentException.class, () -> cpio.directory("", 0755, 0));
        }
    }

    /** The name column of {@code cpio -tv}: what follows the date, before any {@code ->}. */
    static String nameOf(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile(" [A-Z][a-z]{2} +\\d+ +(\\d{4}|\\d\\d:\\d\\d) (.*)$").matcher(line);
        assertTrue(m.find(), line);
        String name = m.group(2);
        int arrow = name.indexOf(" -> ");
        return arrow < 0 ? name : name.substring(0, arrow);
    }

    static List<String> names(String listing) {
        List<String> out = new ArrayList<>();
        listing.lines().forEach(l -> out.add(nameOf(l)));
        return out;
    }
}
