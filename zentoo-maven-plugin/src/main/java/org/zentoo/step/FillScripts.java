package org.zentoo.step;

/**
 * The shell run in a seed container to fill a repository volume. It writes the
 * marker only as its last step, so a volume whose filling was interrupted is
 * filled again by the next run.
 */
public final class FillScripts {

    /** The marker, relative to the volume's root; it holds the SNAPSHOT value and the id of the inputs. */
    static final String MARKER = ".zentoo-snapshot";

    /** Held while a volume is filled; it stays, as lock files must, and Portage never looks at it. */
    static final String LOCK = ".zentoo-snapshot.lock";

    /**
     * Where a tarball snapshot's fill container mounts the volume. No seed has
     * anything there, so Docker copies nothing of the seed's own repositories into
     * the new volume, as it does at /var/db/repos (which SNAPSHOT=seed relies on).
     */
    static final String FILL_PATH = "/zentoo-repos";

    /** Where the verified tarballs are copied in; their names keep their suffixes, so tar picks the decompressor. */
    static final String TARBALL_DIR = "/tmp";

    private FillScripts() {
    }

    /** Exits 0 when the volume mounted at {@link #FILL_PATH} was filled completely. */
    static String probe() {
        return "test -f " + FILL_PATH + "/" + MARKER;
    }

    /**
     * Fills the volume mounted at ZENTOO_ROOT. ZENTOO_MAIN (empty for the seed's own
     * repositories) is unpacked and named as Portage names a repository
     * (layout.conf's repo-name overrides profiles/repo_name, then
     * ZENTOO_DEFAULT_NAME); each line "TARBALL DIRECTORY" of ZENTOO_OVERLAYS is
     * unpacked into that directory. Every tarball is unpacked into a temporary
     * directory of the volume with its top directory stripped, and renamed into
     * place whole. The marker (ZENTOO_SNAPSHOT, ZENTOO_INPUTS) comes last.
     */
    public static String fill() {
        return String.join("\n",
                "set -euo pipefail",
                "root=$ZENTOO_ROOT",
                // Two builds (two Maven processes) may fill one volume at once: the second waits, then finds the marker.
                "exec 9>\"$root/" + LOCK + "\"",
                "if command -v flock >/dev/null; then flock 9; fi",
                "if [ -f \"$root/" + MARKER + "\" ]; then",
                "  echo \"[zentoo] snapshot $(head -n1 \"$root/" + MARKER + "\") present\"; exit 0",
                "fi",
                // What an interrupted fill left behind goes first.
                "rm -rf \"$root\"/.zentoo-fill.*",
                "unpack() {",
                "  work=$(mktemp -d \"$root/.zentoo-fill.XXXXXX\")",
                "  tar -x -f \"$1\" -C \"$work\" --strip-components=1 --no-same-owner",
                "  rm -f \"$1\"",
                "  if [ ! -d \"$work/profiles\" ]; then",
                "    echo \"[zentoo] ERROR: $2 has no profiles/ under its top-level directory;"
                        + " expected one directory holding a repository, as Gentoo's snapshots have\" >&2; exit 1",
                "  fi",
                "  chmod 755 \"$work\"",
                "}",
                "place() {",
                "  rm -rf \"${root:?}/$1\"",
                "  mv \"$work\" \"$root/$1\"",
                "  echo \"[zentoo] repository in $1 ready in the volume\"",
                "}",
                "if [ -n \"$ZENTOO_MAIN\" ]; then",
                "  echo \"[zentoo] extracting snapshot $ZENTOO_SNAPSHOT\"",
                "  unpack \"$ZENTOO_MAIN\" \"snapshot $ZENTOO_SNAPSHOT\"",
                "  name=$(sed -n 's/^[[:space:]]*repo-name[[:space:]]*=[[:space:]]*\\([^[:space:]#]*\\).*/\\1/p'"
                        + " \"$work/metadata/layout.conf\" 2>/dev/null | head -n1 || true)",
                "  [ -n \"$name\" ] || name=$(head -n1 \"$work/profiles/repo_name\" 2>/dev/null | tr -d '[:space:]' || true)",
                "  [ -n \"$name\" ] || name=\"$ZENTOO_DEFAULT_NAME\"",
                "  case \"$name\" in",
                "    ''|-*|.*|*[!A-Za-z0-9_-]*) echo \"[zentoo] ERROR: repository name '$name' from the snapshot is not"
                        + " valid; expected it in metadata/layout.conf (repo-name) or profiles/repo_name\" >&2; exit 1;;",
                "  esac",
                "  place \"$name\"",
                "else",
                "  echo '[zentoo] using the repositories of the seed image'",
                "fi",
                "while read -r tarball directory; do",
                "  [ -n \"$tarball\" ] || continue",
                "  echo \"[zentoo] extracting overlay into $directory\"",
                "  unpack \"$tarball\" \"the tarball of $directory\"",
                "  place \"$directory\"",
                "done <<< \"$ZENTOO_OVERLAYS\"",
                "printf '%s\\n%s\\n' \"$ZENTOO_SNAPSHOT\" \"$ZENTOO_INPUTS\" > \"$root/" + MARKER + ".new\"",
                "mv \"$root/" + MARKER + ".new\" \"$root/" + MARKER + "\"");
    }
}
