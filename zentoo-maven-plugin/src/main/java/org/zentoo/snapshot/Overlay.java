package org.zentoo.snapshot;

import org.zentoo.config.ConfigException;
import org.zentoo.seed.SeedException;
import org.zentoo.seed.TarballSeed;
import org.zentoo.set.ReposConf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An extra repository whose content comes from a tarball: a repos.conf section
 * with a {@code zentoo-snapshot} key (Portage ignores keys it does not know).
 *
 * @param name      the section name, the repository's name
 * @param directory where it lands: the last part of its {@code location}, under /var/db/repos
 * @param source    the tarball, checked as snapshots are
 */
public record Overlay(String name, String directory, TarballSeed source) {

    /** The repos.conf key that names an extra repository's tarball. */
    public static final String KEY = "zentoo-snapshot";

    private static final String REPOS = "/var/db/repos/";

    /**
     * The overlays of a rendered machine, from {@code etc/portage/repos.conf} (a file or a
     * directory of files, read in name order as Portage does; a later section's keys win).
     */
    public static List<Overlay> read(Path renderedRoot) throws IOException, ConfigException, SeedException {
        Path conf = renderedRoot.resolve("etc/portage/repos.conf");
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(conf)) {
            try (Stream<Path> list = Files.list(conf)) {
                list.filter(f -> f.getFileName().toString().endsWith(".conf")).sorted().forEach(files::add);
            }
        } else if (Files.isRegularFile(conf)) {
            files.add(conf);
        }
        Map<String, Map<String, String>> sections = new TreeMap<>();
        for (Path file : files) {
            ReposConf.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8)).sections()
                    .forEach((name, keys) -> sections.computeIfAbsent(name, n -> new TreeMap<>()).putAll(keys));
        }
        List<Overlay> overlays = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> section : sections.entrySet()) {
            String value = section.getValue().get(KEY);
            if (value != null && !section.getKey().equals("DEFAULT")) {
                overlays.add(of(section.getKey(), section.getValue().getOrDefault("location", ""), value));
            }
        }
        return overlays;
    }

    public static Overlay of(String name, String location, String value) throws SeedException {
        String where = "repos.conf [" + name + "] " + KEY;
        String directory = location.startsWith(REPOS) ? location.substring(REPOS.length()).replaceAll("/+$", "") : "";
        if (!directory.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*") || directory.startsWith(".zentoo")) {
            throw new SeedException(SeedException.Problem.BAD_REFERENCE, where + ": location '" + location
                    + "' must be a directory directly under " + REPOS + " to be filled from a tarball");
        }
        return new Overlay(name, directory, TarballSeed.parse(where, value));
    }
}
