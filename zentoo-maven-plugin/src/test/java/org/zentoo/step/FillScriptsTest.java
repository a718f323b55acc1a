package org.zentoo.step;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fill script, run by a real bash with GNU tar on tarballs made here, into a
 * directory standing for the volume: what it leaves there is what Portage finds.
 */
class FillScriptsTest {

    @TempDir
    Path work;

    /** A repository tarball with one top directory, as Gentoo's snapshots have; files as "path=content". */
    private Path repositoryTarball(String name, String... files) throws Exception {
        Path src = Files.createDirectories(work.resolve("src-" + name).resolve(name + "-20261101"));
        for (String file : files) {
            int eq = file.indexOf('=');
            Path p = src.resolve(file.substring(0, eq));
            Files.createDirectories(p.getParent());
            Files.writeString(p, file.substring(eq + 1));
        }
        Path tarball = work.resolve(name + ".tar.gz");
        assertEquals(0, run(List.of("tar", "-czf", tarball.toString(), "-C", src.getParent().toString(),
                src.getFileName().toString()), Map.of()).exit(), "tar");
        return tarball;
    }

    record Ran(int exit, String output) {
    }

    private Ran run(List<String> command, Map<String, String> env) throws Exception {
        Path log = work.resolve("log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " did not finish");
        return new Ran(p.exitValue(), Files.readString(log));
    }

    private Ran fill(Path volume, Path main, String overlays) throws Exception {
        return run(List.of("bash", "-c", FillScripts.fill()), Map.of("ZENTOO_ROOT", volume.toString(),
                "ZENTOO_MAIN", main == null ? "" : main.toString(), "ZENTOO_DEFAULT_NAME", "gentoo",
                "ZENTOO_OVERLAYS", overlays, "ZENTOO_SNAPSHOT", "20261101", "ZENTOO_INPUTS", "inputs-id"));
    }

    @Test
    void theFillScriptUnpacksEachRepositoryUnderItsPortageNameAndMarksTheVolumeLast() throws Exception {
        Path volume = Files.createDirectories(work.resolve("volume"));
        Path main = repositoryTarball("gentoo", "profiles/repo_name=from-repo-name\n",
                "metadata/layout.conf=masters =\nrepo-name = from-layout # the name Portage uses\n",
                "eclass/x.eclass=# x\n");
        Path overlay = repositoryTarball("mycorp", "profiles/repo_name=mycorp\n", "eclass/y.eclass=# y\n");

        Ran ran = fill(volume, main, overlay + " mycorp\n");

        assertEquals(0, ran.exit(), ran.output());
        // layout.conf's repo-name wins over profiles/repo_name; the top directory is stripped
        assertEquals("# x\n", Files.readString(volume.resolve("from-layout/eclass/x.eclass")));
        assertEquals("# y\n", Files.readString(volume.resolve("mycorp/eclass/y.eclass")));
        assertEquals("20261101\ninputs-id\n", Files.readString(volume.resolve(FillScripts.MARKER)));
        assertEquals(Set.of("from-layout", "mycorp", FillScripts.MARKER, FillScripts.LOCK), names(volume));
        assertFalse(Files.exists(main) || Files.exists(overlay), "the copied-in tarballs are removed");

        // A filled volume is left alone.
        Path again = repositoryTarball("other", "profiles/repo_name=other\n");
        Ran second = fill(volume, again, "");
        assertEquals(0, second.exit(), second.output());
        assertTrue(second.output().contains("[zentoo] snapshot 20261101 present"), second.output());
        assertEquals(Set.of("from-layout", "mycorp", FillScripts.MARKER, FillScripts.LOCK), names(volume));
    }

    @Test
    void theNameFallsBackToRepoNameThenToTheDefault() throws Exception {
        Path byRepoName = Files.createDirectories(work.resolve("a"));
        assertEquals(0, fill(byRepoName, repositoryTarball("a", "profiles/repo_name=  named \n"), "").exit());
        assertTrue(Files.isDirectory(byRepoName.resolve("named/profiles")), names(byRepoName)::toString);

        Path byDefault = Files.createDirectories(work.resolve("b"));
        assertEquals(0, fill(byDefault, repositoryTarball("b", "profiles/package.mask=\n"), "").exit());
        assertTrue(Files.isDirectory(byDefault.resolve("gentoo/profiles")), names(byDefault)::toString);
    }

    @Test
    void aTarballWithoutARepositoryFailsAndLeavesNoMarker() throws Exception {
        Path volume = Files.createDirectories(work.resolve("volume"));
        Path main = repositoryTarball("gentoo", "profiles/repo_name=gentoo\n");
        Path notARepository = repositoryTarball("loose", "README=not a repository\n");

        Ran ran = fill(volume, main, notARepository + " mycorp\n");

        assertEquals(1, ran.exit(), ran.output());
        assertTrue(ran.output().contains("[zentoo] ERROR: the tarball of mycorp has no profiles/ under its"
                + " top-level directory"), ran.output());
        assertFalse(Files.exists(volume.resolve(FillScripts.MARKER)), names(volume)::toString);
        assertFalse(Files.exists(volume.resolve("mycorp")), names(volume)::toString);

        // The next fill clears what the failed one left and completes.
        Ran retry = fill(volume, repositoryTarball("gentoo2", "profiles/repo_name=gentoo\n"), "");
        assertEquals(0, retry.exit(), retry.output());
        assertEquals(Set.of("gentoo", FillScripts.MARKER, FillScripts.LOCK), names(volume));
    }

    @Test
    void anInvalidRepositoryNameIsRefused() throws Exception {
        Path volume = Files.createDirectories(work.resolve("volume"));
        Ran ran = fill(volume, repositoryTarball("bad", "profiles/repo_name=../escape\n"), "");

        assertEquals(1, ran.exit(), ran.output());
        assertTrue(ran.output().contains("[zentoo] ERROR: repository name '../escape' from the snapshot is not valid"),
                ran.output());
        assertFalse(Files.exists(volume.resolve(FillScripts.MARKER)));
    }

    private static Set<String> names(Path dir) throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
