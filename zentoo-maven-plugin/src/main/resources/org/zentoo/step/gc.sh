# zentoo:gc, run by bash in a container from a machine's seed with the binpkg store
# at /var/cache/binpkgs (read-only for a dry run). /var/tmp/zentoo/gc/keep lists the
# sha256 of every binpkg instance a lock still needs. Every container that writes into
# the store holds a shared flock on the store's lock file (ZENTOO_STORE_LOCK, see
# StoreLock.java) for its whole life; this takes it exclusively, so nothing is removed
# while a build of the same store runs.
set -euo pipefail
say() { echo "[zentoo] $*"; }
lock="$ZENTOO_STORE_LOCK"
if [ "${ZENTOO_GC_DRY_RUN:-false}" = true ]; then
  say "dry run: nothing is removed"
else
  exec 9>>"$lock"
  if ! flock -x -n 9; then
    if [ "${ZENTOO_GC_WAIT:-0}" -gt 0 ]; then
      say "a build is using this store: waiting up to ${ZENTOO_GC_WAIT} s for it to finish (zentoo.gc.wait)"
      if ! flock -x -w "$ZENTOO_GC_WAIT" 9; then
        say "refused: a build still uses this store after ${ZENTOO_GC_WAIT} s; nothing was removed"
        exit 75
      fi
      say "the build finished: collecting"
    else
      say "refused: a build is using this store; nothing was removed (zentoo.gc.wait=0; set it to wait)"
      exit 75
    fi
  fi
fi
exec python3 /var/tmp/zentoo/gc/gc.py
