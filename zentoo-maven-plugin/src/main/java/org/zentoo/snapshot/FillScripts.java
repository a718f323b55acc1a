package org.zentoo.snapshot;

import org.zentoo.build.Volumes;

/**
 * The shell run in a seed container to fill a repository volume. Every script
 * leaves the marker only as its last step, so a volume whose filling was
 * interrupted is filled again by the next run.
 */
final class FillScripts {

    /** The marker, relative to the volume's root; it holds the SNAPSHOT value and, for tarballs, the SHA512. */
    static final String MARKER = ".zentoo-snapshot";

    /** Held while a volume is filled; it stays, as lock files must, and Portage never looks at it. */
    static final String LOCK = ".zentoo-snapshot.lock";

    /**
     * Where a tarball snapshot's fill container mounts the volume. No seed has
     * anything there, so Docker copies nothing of the seed's own repositories into
     * the new volume, as it would at /var/db/repos.
     */
    static final String FILL_PATH = "/zentoo-repos";

    /** Where the verified tarball is copied in; the name keeps its suffix, so tar picks the decompressor. */
    static final String TARBALL_DIR = "/tmp";

    private FillScripts() {
    }

    /** A new volume mounted over the seed's /var/db/repos gets the seed's repositories (Docker's copy-up). */
    static String fromSeed() {
        String marker = Volumes.REPOS_PATH + "/" + MARKER;
        return "set -e; if [ -f " + marker + " ]; then echo \"[zentoo] snapshot $(head -n1 " + marker + ") present\";"
                + " exit 0; fi; echo '[zentoo] using the repositories of the seed image';"
                + " printf '%s\\n' \"$ZENTOO_SNAPSHOT\" > " + marker;
    }

    /** Exits 0 when the volume mounted at {@link #FILL_PATH} was filled completely. */
    static String probe() {
        return "test -f " + FILL_PATH + "/" + MARKER;
    }

    /**
     * Unpacks the tarball into a temporary directory of the volume, strips its top
     * directory, names the repository as Portage would (layout.conf's repo-name
     * overrides profiles/repo_name), and only then renames it into place and writes
     * the marker. Reads ZENTOO_SNAPSHOT, ZENTOO_SHA512, ZENTOO_TARBALL and
     * ZENTOO_DEFAULT_NAME (empty: the tarball must name its repository).
     */
    static String fromTarball() {
        return String.join("\n",
                "set -euo pipefail",
                "root=" + FILL_PATH,
                // Two builds (two Maven processes) may fill one volume at once: the second waits, then finds the marker.
                "exec 9>\"$root/" + LOCK + "\"",
                "if command -v flock >/dev/null; then flock 9; fi",
                "if [ -f \"$root/" + MARKER + "\" ]; then",
                "  echo \"[zentoo] snapshot $(head -n1 \"$root/" + MARKER + "\") present\"; rm -f \"$ZENTOO_TARBALL\"; exit 0",
                "fi",
                // What an interrupted fill left behind goes first.
                "rm -rf \"$root\"/.zentoo-fill.*",
                "work=$(mktemp -d \"$root/.zentoo-fill.XXXXXX\")",
                "echo \"[zentoo] extracting snapshot $ZENTOO_SNAPSHOT\"",
                "tar -x -f \"$ZENTOO_TARBALL\" -C \"$work\" --strip-components=1 --no-same-owner",
                "rm -f \"$ZENTOO_TARBALL\"",
                "if [ ! -d \"$work/profiles\" ]; then",
                "  echo \"[zentoo] ERROR: the snapshot has no profiles/ under its top-level directory;"
                        + " expected one directory holding a repository, as Gentoo's snapshots have\" >&2; exit 1",
                "fi",
                "name=$(sed -n 's/^[[:space:]]*repo-name[[:space:]]*=[[:space:]]*\\([^[:space:]#]*\\).*/\\1/p'"
                        + " \"$work/metadata/layout.conf\" 2>/dev/null | head -n1 || true)",
                "[ -n \"$name\" ] || name=$(head -n1 \"$work/profiles/repo_name\" 2>/dev/null | tr -d '[:space:]' || true)",
                "[ -n \"$name\" ] || name=\"$ZENTOO_DEFAULT_NAME\"",
                "case \"$name\" in",
                "  ''|-*|*[!A-Za-z0-9_-]*) echo \"[zentoo] ERROR: repository name '$name' from the snapshot is not valid;"
                        + " expected it in metadata/layout.conf (repo-name) or profiles/repo_name\" >&2; exit 1;;",
                "esac",
                "chmod 755 \"$work\"",
                "rm -rf \"$root/$name\"",
                "mv \"$work\" \"$root/$name\"",
                "printf '%s\\n%s\\n%s\\n' \"$ZENTOO_SNAPSHOT\" \"$ZENTOO_SHA512\" \"$name\" > \"$root/" + MARKER + ".new\"",
                "mv \"$root/" + MARKER + ".new\" \"$root/" + MARKER + "\"",
                "echo \"[zentoo] repository $name ready in the volume\"");
    }
}
