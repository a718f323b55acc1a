package org.zentoo.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** GNU tar as the reference: what it writes from a tree, and how it lists an archive. */
final class GnuTar {

    private static final String XATTRS = "--xattrs --xattrs-include='*' --numeric-owner";

    private GnuTar() {
    }

    /** GNU tar's own reproducible archive of {@code root}: the content Zentoo's must equal. */
    static void create(Path root, Path tar) throws IOException, InterruptedException {
        Shell.bash("tar -C " + Shell.quote(root) + " --sort=name --format=posix " + XATTRS
                + " --mtime=@" + StageTree.CLAMP.getEpochSecond() + " --clamp-mtime -cf " + Shell.quote(tar) + " .");
    }

    /**
     * {@code tar -tvv} with full times. GNU tar prints xattrs in listxattr order while
     * Zentoo sorts them by name, so each entry's {@code x:} lines are sorted here.
     */
    static List<String> list(Path archive) throws IOException, InterruptedException {
        String out = Shell.bash("tar " + XATTRS + " --full-time -tvvf " + Shell.quote(archive));
        List<String> lines = new ArrayList<>();
        List<String> xattrs = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("  x: ")) {
                xattrs.add(line);
                continue;
            }
            xattrs.sort(null);
            lines.addAll(xattrs);
            xattrs.clear();
            lines.add(line);
        }
        xattrs.sort(null);
        lines.addAll(xattrs);
        return lines;
    }

    static void extract(Path archive, Path into) throws IOException, InterruptedException {
        Shell.bash("mkdir -p " + Shell.quote(into) + " && tar " + XATTRS + " -xpf " + Shell.quote(archive)
                + " -C " + Shell.quote(into));
    }
}
