# zentoo:rebuild-check, run by bash inside a container from the machine's seed:
# compares each binpkg rebuilt into the scratch store ($ZENTOO_SCRATCH, read-only)
# with the site's binpkgs of the same package ($ZENTOO_SITE, read-only). Prints one
# line per package: "[zentoo] reproducible: CPV", or "[zentoo] differs: CPV: FILE"
# per differing file, with "[zentoo] metadata: CPV: ..." lines for short metadata.
# On a signing site both are signed, and their payloads are compared (see same_payload).
# Only the packages of $ZENTOO_PACKAGES (what the machine's rebuild emerged) count:
# the scratch partition may hold other machines' packages too.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A gpkg's files: the outer tar into gpkg/ (its top directory names the build id,
# which may differ), then its metadata and image tars (tar detects the compression),
# not their detached signatures (metadata.tar.zst.sig).
unpack() {
  mkdir -p "$2/gpkg"
  tar -xf "$1" -C "$2/gpkg" --strip-components=1
  local inner
  for inner in "$2"/gpkg/metadata.tar.* "$2"/gpkg/image.tar.*; do
    case "$inner" in *.sig) continue ;; esac
    [ -f "$inner" ] && tar -xf "$inner" -C "$2"
  done
  return 0
}

# A gpkg's USE (tar detects the inner compression only in a file, not in a pipe).
usage() {
  local t
  t=$(mktemp -d "$work/use.XXXXXX")
  tar -xf "$1" -C "$t" --wildcards --exclude='*.sig' '*/metadata.tar.*'
  tar -xOf "$t"/*/metadata.tar.* metadata/USE 2>/dev/null || true
  rm -rf "$t"
}

# Two signed gpkgs with the same payload: every member but the signatures
# (*.sig, and the Manifest, clearsigned) byte for byte. A signature records the
# time gpg made it, so two signings of the same bytes never give the same gpkg;
# the Manifest's hashes are those of the compared members.
signed() { tar -tf "$1" | grep '\.sig$' >/dev/null; }
same_payload() {
  rm -rf "$work/pa" "$work/pb"
  mkdir -p "$work/pa" "$work/pb"
  tar -xf "$1" -C "$work/pa" --strip-components=1 --exclude='*.sig' --exclude='*/Manifest'
  tar -xf "$2" -C "$work/pb" --strip-components=1 --exclude='*.sig' --exclude='*/Manifest'
  diff -rq "$work/pa" "$work/pb" >/dev/null
}

[ -d "$ZENTOO_SCRATCH" ] || { echo "[zentoo] the rebuild made no binpkgs in $ZENTOO_SCRATCH"; exit 4; }
cd "$ZENTOO_SCRATCH"
find . -name '*.gpkg.tar' | LC_ALL=C sort | while read -r rebuilt; do
  dir=${rebuilt%/*}; dir=${dir#./}
  base=${rebuilt##*/}; pf=${base%-*.gpkg.tar}
  cpv="${dir%/*}/$pf"
  case " $ZENTOO_PACKAGES " in *" $cpv "*) ;; *) continue ;; esac
  candidates=()
  for c in "$ZENTOO_SITE/$dir/$pf"-[0-9]*.gpkg.tar; do
    [ -f "$c" ] && candidates+=("$c")
  done
  if [ ${#candidates[@]} -eq 0 ]; then
    echo "[zentoo] differs: $cpv: no binpkg of it in the site's store"
    continue
  fi
  same=
  for c in "${candidates[@]}"; do
    if cmp -s "$rebuilt" "$c"; then same=$c; break; fi
    if signed "$rebuilt" && signed "$c" && same_payload "$rebuilt" "$c"; then same=$c; break; fi
  done
  if [ -n "$same" ]; then
    echo "[zentoo] reproducible: $cpv"
    continue
  fi
  # The site's instance with the same USE is the one to compare with.
  ours=${candidates[0]}
  use=$(usage "$rebuilt")
  for c in "${candidates[@]}"; do
    [ "$(usage "$c")" = "$use" ] && { ours=$c; break; }
  done
  rm -rf "$work/a" "$work/b"
  unpack "$ours" "$work/a"
  unpack "$rebuilt" "$work/b"
  n=0
  while read -r f; do
    [ -n "$f" ] || continue
    echo "[zentoo] differs: $cpv: $f"
    n=$((n + 1))
    case "$f" in
      metadata/environment.bz2) ;;
      metadata/*)
        if [ "$(wc -l < "$work/a/$f")" -le 1 ] && [ "$(wc -l < "$work/b/$f")" -le 1 ]; then
          echo "[zentoo] metadata: $cpv: ${f#metadata/}: $(head -c 200 "$work/a/$f") -> $(head -c 200 "$work/b/$f")"
        fi ;;
    esac
  done < <(cd "$work" && diff -rq a b 2>&1 | sed -n -e 's|^Files a/\([^ ]*\) and b/.* differ$|\1|p' \
             -e 's|^Only in a/\(.*\): \(.*\)$|\1/\2 (only in the site'"'"'s binpkg)|p' \
             -e 's|^Only in b/\(.*\): \(.*\)$|\1/\2 (only in the rebuilt binpkg)|p' \
           | grep -v '^gpkg' | LC_ALL=C sort)
  if [ "$n" -eq 0 ]; then
    echo "[zentoo] differs: $cpv: the gpkg container (member times, order or owners), not its files"
  fi
done
