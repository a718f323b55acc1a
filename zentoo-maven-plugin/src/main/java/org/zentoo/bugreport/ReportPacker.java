package org.zentoo.bugreport;

import org.zentoo.archive.ArchiveFormat;
import org.zentoo.archive.PackResult;
import org.zentoo.archive.StageArchiver;
import org.zentoo.archive.TarEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Packs a report directory as {@code bugreport-<machine>-<cat>-<pf>.tar.gz}: the
 * archive holds {@code <pf>/} and below it only the declared names (the collected
 * files and each section's), every one screened for {@link Secrets} first. The same
 * directory content gives the same bytes: the archive code sorts entries and writes
 * numeric owners, mtimes are clamped to {@code clamp}, gzip carries no name or time.
 */
public final class ReportPacker {

    private final Instant clamp;
    private final Secrets secrets;

    /** @param clamp the latest mtime an entry may carry: the site's output timestamp, or a fixed instant */
    public ReportPacker(Instant clamp, Secrets secrets) {
        this.clamp = clamp;
        this.secrets = secrets;
    }

    /** What packing did: the tarball, and the undeclared files it left out. */
    public record Packed(Path tarball, List<String> leftOut, List<String> screened) {
    }

    /**
     * @param declared names relative to the report directory ({@code dir/} for a whole directory)
     * @param tarball  where the archive goes
     */
    public Packed pack(Path directory, List<String> declared, Path tarball) throws IOException {
        List<String> leftOut = new ArrayList<>();
        List<String> screened = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.sorted().toList()) {
                if (file.equals(directory)) {
                    continue;
                }
                String name = directory.relativize(file).toString().replace('\\', '/');
                boolean dir = Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS);
                if (!isDeclared(declared, name, dir)) {
                    if (!underLeftOut(leftOut, name)) {
                        leftOut.add(name + (dir ? "/" : ""));
                    }
                } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && secrets.screen(file)) {
                    screened.add(name);
                }
            }
        }
        String pf = directory.getFileName().toString();
        Files.createDirectories(tarball.toAbsolutePath().getParent());
        PackResult result = new StageArchiver(ArchiveFormat.TAR_GZ, clamp)
                .excluding(entry -> !inReport(entry, pf, declared))
                .packDirectory(directory.getParent(), tarball);
        return new Packed(result.file(), List.copyOf(leftOut), List.copyOf(screened));
    }

    /** Whether a name is declared, or a directory on the way to one. */
    static boolean isDeclared(List<String> declared, String name, boolean directory) {
        for (String d : declared) {
            if (d.endsWith("/")) {
                if (name.startsWith(d) || (directory && d.equals(name + "/"))) {
                    return true;
                }
            } else if (d.equals(name) || (directory && d.startsWith(name + "/"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean underLeftOut(List<String> leftOut, String name) {
        return leftOut.stream().anyMatch(l -> l.endsWith("/") && name.startsWith(l));
    }

    private static boolean inReport(TarEntry entry, String pf, List<String> declared) {
        String name = entry.name().startsWith("./") ? entry.name().substring(2) : entry.name();
        boolean directory = name.endsWith("/");
        String bare = directory ? name.substring(0, name.length() - 1) : name;
        if (bare.isEmpty() || bare.equals(pf)) {
            return true;
        }
        if (!bare.startsWith(pf + "/")) {
            return false;
        }
        return isDeclared(declared, bare.substring(pf.length() + 1), directory);
    }
}
