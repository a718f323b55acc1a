package org.zentoo.upgrade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Brings a site's shipped content in line with a newer shipped copy. Shipped content is
 * {@code README.md} and every file under a {@code <kind>/zentoo/} folder directly below
 * config/ ({@code sets/zentoo/}, {@code machines/zentoo/}). A {@code zentoo} folder deeper
 * down, such as {@code sets/web/zentoo/}, is a user's set that happens to use the name,
 * and is left alone like every other user file.
 */
public final class ConfigUpgrade {

    static final String SHIPPED_FOLDER = "zentoo";
    static final String README = "README.md";

    private ConfigUpgrade() {
    }

    /**
     * @param shipped the bundled config/ (may live in a zip file system)
     * @param site    the site's config/ directory
     * @param dryRun  report only, write nothing
     */
    public static UpgradeReport upgrade(Path shipped, Path site, boolean dryRun) throws IOException {
        Map<String, Path> wanted = shippedFiles(shipped);
        Map<String, Path> present = shippedFiles(site);
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Map.Entry<String, Path> e : wanted.entrySet()) {
            Path current = present.get(e.getKey());
            byte[] content = Files.readAllBytes(e.getValue());
            if (current == null) {
                added.add(e.getKey());
            } else if (!Arrays.equals(content, Files.readAllBytes(current))) {
                changed.add(e.getKey());
            } else {
                continue;
            }
            if (!dryRun) {
                Path target = site.resolve(e.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, content);
            }
        }
        for (String rel : present.keySet()) {
            if (!wanted.containsKey(rel)) {
                removed.add(rel);
                if (!dryRun) {
                    Files.delete(site.resolve(rel));
                }
            }
        }
        if (!dryRun) {
            removeEmptyShippedFolders(site);
        }
        return new UpgradeReport(List.copyOf(added), List.copyOf(changed), List.copyOf(removed));
    }

    /** Shipped files below {@code root}, by relative path, sorted. */
    private static Map<String, Path> shippedFiles(Path root) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    String rel = relative(root, p);
                    if (isShipped(rel)) {
                        out.put(rel, p);
                    }
                }
            }
        }
        return out;
    }

    static boolean isShipped(String rel) {
        String[] parts = rel.split("/");
        return rel.equals(README) || (parts.length >= 3 && parts[1].equals(SHIPPED_FOLDER));
    }

    private static String relative(Path root, Path p) {
        // Works across file systems (a zip's paths use '/', so does the result).
        List<String> names = new ArrayList<>();
        root.relativize(p).forEach(n -> names.add(n.toString()));
        return String.join("/", names);
    }

    /** Directories inside the zentoo/ folders that the removals left empty, deepest first. */
    private static void removeEmptyShippedFolders(Path site) throws IOException {
        List<Path> dirs;
        try (Stream<Path> walk = Files.walk(site)) {
            dirs = walk.filter(Files::isDirectory)
                    .filter(d -> {
                        String rel = relative(site, d);
                        String[] parts = rel.split("/");
                        return parts.length >= 2 && parts[1].equals(SHIPPED_FOLDER);
                    })
                    .sorted(Comparator.comparingInt(Path::getNameCount).reversed())
                    .toList();
        }
        for (Path d : dirs) {
            try (Stream<Path> entries = Files.list(d)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(d);
                }
            }
        }
    }
}
