package org.zentoo.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Start a site" commands, run as written on a local repository that
 * holds no Zentoo artifact: they must install everything a generated site needs
 * (the parent pom included) and name the real archetype version, and the site they
 * generate must load the plugin ({@code zentoo:render}) and be free of archetype
 * warnings. No Docker.
 *
 * <p>The local repository is new, but its third-party content is the build's own
 * local repository, linked in directory by directory, with {@code org/zentoo} left
 * out: only Zentoo's artifacts are missing, as on a new admin's machine, and Maven
 * Central is asked only for what the build's repository lacks. The checkout is a
 * copy of the tracked sources, without any {@code target/}.
 */
class ReadmeSetupIT {

    private static final Path IT = Path.of(System.getProperty("zentoo.it.basedir", "."));
    private static final Path ROOT = IT.toAbsolutePath().getParent();

    @TempDir
    Path work;

    @Test
    void theReadmesCommandsInstallWhatASiteNeedsAndGenerateASiteThatLoadsThePlugin() throws Exception {
        String block = startASiteBlock(Files.readString(ROOT.resolve("README.md")));
        String version = System.getProperty("zentoo.it.version");
        assertTrue(block.contains("-DarchetypeVersion=" + version + " "),
                "the README's archetype command must name this checkout's version " + version + ":\n" + block);

        Path repository = repositoryWithoutZentoo(work.resolve("repository"));
        Path checkout = copyOfTheSources(work.resolve("zentoo"));
        Path bin = Files.createDirectories(work.resolve("bin"));
        // "mvn" in the README is any Maven 3.9: here the checkout's own wrapper
        Files.writeString(bin.resolve("mvn"), "#!/bin/sh\nexec " + checkout.resolve("mvnw") + " \"$@\"\n");
        bin.resolve("mvn").toFile().setExecutable(true);
        String mavenArgs = "-B -ntp -Dmaven.repo.local=" + repository;

        Result setup = bash(checkout, bin, mavenArgs, block, "readme-setup.log");
        assertEquals(0, setup.exit(), "the README's setup failed:\n" + setup.tail());
        assertFalse(setup.log().contains("[WARNING] CP Don't override"), "the archetype warned:\n" + setup.tail());

        Path site = work.resolve("my-site");
        assertTrue(Files.isRegularFile(site.resolve("config/machines/web01/machine.conf")), setup.tail());
        // the archetype's README adds a second machine, not the one it generated
        String readme = Files.readString(site.resolve("README.md"));
        assertTrue(readme.contains("cp -r config/machines/web01 config/machines/web02\n"), readme);

        Result render = bash(site, bin, mavenArgs, "mvn zentoo:render", "site-render.log");
        assertEquals(0, render.exit(), "the generated site cannot load the plugin:\n" + render.tail());
        assertTrue(Files.isRegularFile(site.resolve("target/zentoo/machines/web01/etc/portage/make.conf")),
                render.tail());

        // "Your first site, offline": everything but the tour and the build, which need Docker
        String offline = firstBlock(Files.readString(ROOT.resolve("README.md")), "Your first site, offline");
        List<String> lines = offline.replace("\\\n", "").lines().toList();
        assertEquals("./mvnw install -Ptour", lines.get(0), offline);
        assertEquals("mvn install", lines.get(lines.size() - 1), offline);
        String withoutDocker = String.join("\n", lines.subList(1, lines.size() - 1));
        Result generated = bash(checkout, bin, mavenArgs, withoutDocker, "readme-offline.log");
        assertEquals(0, generated.exit(), "the README's offline site failed:\n" + generated.tail());
        Path first = work.resolve("first-site");
        Result rendered = bash(first, bin, mavenArgs, "mvn zentoo:render", "offline-render.log");
        assertEquals(0, rendered.exit(), rendered.tail());
        for (String machine : List.of("web01", "web02")) {
            Path portage = first.resolve("target/zentoo/machines/" + machine + "/etc/portage");
            assertEquals(Path.of("/var/db/repos/zentoo-test/profiles/default/linux/amd64"),
                    Files.readSymbolicLink(portage.resolve("make.profile")), machine);
            assertTrue(Files.readString(portage.resolve("make.conf")).contains("ACCEPT_LICENSE=\"*\""), machine);
            assertTrue(Files.readString(portage.resolve("sets/zentoo")).contains("app-misc/world"), machine);
        }
        assertTrue(Files.readString(first.resolve("config/machines/web01/machine.conf"))
                .contains("SEED=\"zentoo/test-stage:current\""));
    }

    /** The code block of the README's "## Start a site" section. */
    private static String startASiteBlock(String readme) {
        return firstBlock(readme, "Start a site");
    }

    /** The first code block of the README's section {@code ## title}. */
    private static String firstBlock(String readme, String title) {
        int section = readme.indexOf("\n## " + title + "\n");
        assertTrue(section >= 0, "README.md has no section '## " + title + "'");
        int open = readme.indexOf("\n```\n", section);
        int close = readme.indexOf("\n```\n", open + 1);
        assertTrue(open > 0 && close > open, "no code block in README.md's '" + title + "'");
        return readme.substring(open + 5, close + 1);
    }

    /** A new local repository that sees the build's third-party artifacts but no org/zentoo. */
    private static Path repositoryWithoutZentoo(Path repository) throws IOException {
        Path source = Path.of(System.getProperty("zentoo.it.localRepository",
                System.getProperty("user.home") + "/.m2/repository"));
        Files.createDirectories(repository.resolve("org"));
        try (Stream<Path> top = Files.list(source)) {
            for (Path p : top.toList()) {
                if (!p.getFileName().toString().equals("org")) {
                    Files.createSymbolicLink(repository.resolve(p.getFileName().toString()), p);
                }
            }
        }
        Path org = source.resolve("org");
        if (Files.isDirectory(org)) {
            try (Stream<Path> groups = Files.list(org)) {
                for (Path p : groups.toList()) {
                    if (!p.getFileName().toString().equals("zentoo")) {
                        Files.createSymbolicLink(repository.resolve("org").resolve(p.getFileName().toString()), p);
                    }
                }
            }
        }
        return repository;
    }

    /** The files a clean clone has, as far as the build reads them: no target/, no it/ projects. */
    private static Path copyOfTheSources(Path checkout) throws IOException {
        for (String path : List.of("pom.xml", "mvnw", ".mvn", "config", "README.md", "it/pom.xml",
                "zentoo-maven-plugin/pom.xml", "zentoo-maven-plugin/src", "zentoo-archetype/pom.xml",
                "zentoo-archetype/src")) {
            copy(ROOT.resolve(path), checkout.resolve(path));
        }
        return checkout;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path p : tree.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    private record Result(int exit, String log) {
        String tail() {
            List<String> lines = log.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        }
    }

    /** Runs {@code script} with bash in {@code dir}, stopping at the first failing command. */
    private Result bash(Path dir, Path bin, String mavenArgs, String script, String logName) throws Exception {
        Path log = work.resolve(logName);
        List<String> command = new ArrayList<>(List.of("bash", "-euc", script));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        // Maven 3.9 adds MAVEN_ARGS to every command line: batch mode and the new local repository
        builder.environment().put("MAVEN_ARGS", mavenArgs);
        Process process = builder.start();
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not finish in 20 minutes; log: " + log);
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
