package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.archive.StageArchiver;
import org.zentoo.archive.TarEntry;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Mojo only maps parameters and errors; the archiver tests cover the rest. */
class PackMojoTest {

    @TempDir
    Path work;

    @Test
    void packsTheRootWithTheProjectTimestampAsClamp() throws Exception {
        PackMojo mojo = mojo(root(), work.resolve("out/stage3.tar.zst").toFile());
        mojo.outputTimestamp = "2000-01-01T00:00:00Z";

        mojo.execute();

        List<TarEntry> entries = StageArchiver.list(mojo.output.toPath());
        assertEquals(List.of("./", "./etc/", "./etc/hostname"), entries.stream().map(TarEntry::name).toList());
        assertTrue(entries.stream().allMatch(e -> e.mtime() == 946684800L));
    }

    @Test
    void aLongPackLogsPlainProgressLines() throws Exception {
        Path root = Files.createDirectories(work.resolve("big/usr/lib"));
        byte[] data = new byte[4_000_000];
        new java.util.Random(4).nextBytes(data);
        Files.write(root.resolve("libbig.so"), data);
        PackMojo mojo = mojo(work.resolve("big").toFile(), work.resolve("stage3.tar.zst").toFile());
        mojo.level = 19;
        mojo.progressInterval = Duration.ofMillis(1);
        List<String> info = Collections.synchronizedList(new ArrayList<>());
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence line) {
                info.add(line.toString());
            }
        });

        mojo.execute();

        Pattern progress = Pattern.compile("stage3\\.tar\\.zst: \\d+ of 4 MB packed \\(\\d+ %\\), \\d+\\.\\d MB/s, "
                + "(about \\d+ s left|estimating the time left)");
        assertTrue(info.stream().anyMatch(line -> progress.matcher(line).matches()), String.join("\n", info));
    }

    @Test
    void sourceMayBeATarFileAndTheOldNameRootStillWorks() throws Exception {
        Path tar = work.resolve("export.tar");
        Process gnuTar = new ProcessBuilder("tar", "-C", root().getPath(), "--format=posix", "-cf", tar.toString(), "etc")
                .inheritIO().start();
        assertEquals(0, gnuTar.waitFor());
        PackMojo fromTar = mojo(null, work.resolve("from-tar.tar.xz").toFile());
        fromTar.source = tar.toFile();
        PackMojo fromRoot = mojo(root(), work.resolve("from-root.tar.xz").toFile());

        fromTar.execute();
        fromRoot.execute();

        assertEquals(List.of("./etc/", "./etc/hostname"), names(fromTar.output));
        assertEquals(List.of("./", "./etc/", "./etc/hostname"), names(fromRoot.output));
    }

    @Test
    void badInputIsAFailureAndABrokenEnvironmentAnError() throws Exception {
        File output = work.resolve("stage3.tar.xz").toFile();
        assertThrows(MojoFailureException.class, () -> mojo(work.resolve("missing").toFile(), output).execute());
        assertThrows(MojoFailureException.class, () -> mojo(null, output).execute());

        PackMojo shortFile = mojo(null, output);
        shortFile.source = Files.writeString(work.resolve("notes.txt"), "not a tar").toFile();
        assertThrows(MojoFailureException.class, shortFile::execute);
        PackMojo notATar = mojo(null, output);
        notATar.source = Files.writeString(work.resolve("garbage"), "x".repeat(2048)).toFile();
        assertThrows(MojoFailureException.class, notATar::execute);

        PackMojo disagreeing = mojo(root(), output);
        disagreeing.source = work.toFile();
        assertThrows(MojoFailureException.class, disagreeing::execute);

        PackMojo badCompressor = mojo(root(), output);
        badCompressor.compressor = "pigz";
        assertThrows(MojoFailureException.class, badCompressor::execute);

        PackMojo badLevel = mojo(root(), output);
        badLevel.level = 20;
        assertThrows(MojoFailureException.class, badLevel::execute);

        PackMojo badFormat = mojo(root(), output);
        badFormat.format = "tar.gz";
        assertThrows(MojoFailureException.class, badFormat::execute);

        PackMojo badTimestamp = mojo(root(), output);
        badTimestamp.outputTimestamp = "last tuesday";
        assertThrows(MojoFailureException.class, badTimestamp::execute);

        Path notADirectory = Files.writeString(work.resolve("file"), "x");
        PackMojo unwritable = mojo(root(), notADirectory.resolve("stage3.tar.xz").toFile());
        assertThrows(MojoExecutionException.class, unwritable::execute);
    }

    private PackMojo mojo(File root, File output) {
        PackMojo mojo = new PackMojo();
        mojo.root = root;
        mojo.output = output;
        mojo.outputTimestamp = "1767225600";
        return mojo;
    }

    private static List<String> names(File archive) throws Exception {
        return StageArchiver.list(archive.toPath()).stream().map(TarEntry::name).toList();
    }

    private File root() throws Exception {
        Path root = work.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/hostname"), "web01\n");
        return root.toFile();
    }
}
