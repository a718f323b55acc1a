package org.zentoo.bugreport;

import org.zentoo.archive.ArchiveFormat;
import org.zentoo.archive.PackResult;
import org.zentoo.archive.StageArchiver;
import org.zentoo.archive.TarEntry;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.StandardCopyOption;
import org.zentoo.archive.TarReader;
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
 * owners 0:0 whoever packed it, mtimes are clamped to {@code clamp}, gzip carries no name or time.
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
        PackResult result = new StageArchiver(ArchiveFormat.TAR_GZ, clamp).ownedByRoot()
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

    /**
     * Unpacks a report tarball into {@code into} and returns its {@code <pf>/} directory.
     * Only files, directories and symlinks are made, and no name may leave {@code into}.
     */
    public static Path unpack(Path tarball, Path into) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        Files.createDirectories(root);
        Path report = null;
        try (InputStream in = ArchiveFormat.TAR_GZ.decompress(new BufferedInputStream(Files.newInputStream(tarball)))) {
            TarReader tar = new TarReader(in);
            for (TarEntry e = tar.next(); e != null; e = tar.next()) {
                String name = e.name().startsWith("./") ? e.name().substring(2) : e.name();
                if (name.isEmpty() || name.equals("/")) {
                    continue;
                }
                Path target = root.resolve(name).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException(tarball + ": entry " + e.name() + " leaves the directory it is unpacked"
                            + " into; expected a bug report Zentoo packed");
                }
                switch (e.type()) {
                    case DIRECTORY -> Files.createDirectories(target);
                    case FILE -> {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar.data(), target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    case SYMLINK -> {
                        Files.createDirectories(target.getParent());
                        Files.deleteIfExists(target);
                        Files.createSymbolicLink(target, Path.of(e.linkName()));
                    }
                    default -> throw new IOException(tarball + ": entry " + e.name() + " is a " + e.type()
                            + "; a bug report holds files, directories and symlinks only");
                }
                Path top = root.resolve(Path.of(name).getName(0));
                report = report == null ? top : report;
            }
        }
        if (report == null || !Files.isDirectory(report)) {
            throw new IOException(tarball + " holds no report directory; expected a bugreport-*.tar.gz Zentoo"
                    + " packed");
        }
        return report;
    }
}
