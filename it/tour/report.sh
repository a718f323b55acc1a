#!/usr/bin/env bash
# The tour's last step (phase verify): shows what each machine got and lists what the
# lifecycle made. Fails if a stage lacks its overlay files or enabled services, or if
# any container of the tour's site is still there.
# Usage: report.sh OUTPUT_DIRECTORY SITE VOLUME_PREFIX
set -euo pipefail
out=$1
site=$2
prefix=$3

left=$(docker ps -a --filter "label=org.zentoo.site=$site" --format '{{.ID}} {{.Names}} {{.Status}}')
if [ -n "$left" ]; then
  echo "[tour] containers of site $site are still there:" >&2
  echo "$left" >&2
  exit 1
fi

size() { numfmt --to=iec --suffix=B "$(stat -c %s "$1")"; }
listing() { # title, directory
  echo "[tour] $1 ($2):"
  if [ -d "$2" ] && [ -n "$(ls -A "$2")" ]; then
    for f in "$2"/*; do
      printf '[tour]   %-40s %8s\n' "$(basename "$f")" "$(size "$f")"
    done
  else
    echo "[tour]   (none)"
  fi
}

entries=$(mktemp /tmp/zentoo-tour-entries.XXXXXX)
trap 'rm -f "$entries"' EXIT
missing=0
in_stage() { grep -qxF "./$1" "$entries"; } # path: is ./path in the listed stage?

echo "[tour] ------------------------------------------------------------------"
echo "[tour] The example site went through render, build, assemble and kernel."
echo "[tour] What each machine got:"
for list in "$out"/stages/packages-*.txt; do
  m=$(basename "$list" .txt)
  m=${m#packages-}
  stage=$(ls "$out"/stages/stage3-"$m".tar.* 2>/dev/null | head -1)
  partition=$(sed -n 's/^build\.partition=//p' "$out/state/$m.properties" 2>/dev/null)
  echo "[tour] $m: binpkg partition ${partition:-?}"
  tar -tf "$stage" > "$entries"
  sed 's/^/[tour]     /' "$list"
  if [ -d "$out/assembly/$m/overlay" ]; then
    while read -r f; do
      if in_stage "$f"; then echo "[tour]     overlay /$f is in the stage"; else echo "[tour]     overlay /$f is NOT in the stage" >&2; missing=1; fi
    done < <(cd "$out/assembly/$m/overlay" && find . -type f | sed 's|^\./||')
  fi
  while read -r name level; do
    [ -n "$name" ] || continue
    level=${level:-default}
    if in_stage "etc/runlevels/$level/$name"; then
      echo "[tour]     service $name is enabled in runlevel $level"
    else
      echo "[tour]     service $name is NOT enabled in runlevel $level" >&2
      missing=1
    fi
  done < <(sed -e 's/#.*//' "$out/assembly/$m/services" 2>/dev/null)
done
listing "stage3 tarballs (stage3-<machine>) and package lists (packages-<machine>)" "$out/stages"
listing "kernels (kernel-<machine>)" "$out/kernels"
echo "[tour] rendered Portage roots:  $out/machines/<machine>/"
echo "[tour] overlay and services:    $out/assembly/<machine>/"
echo "[tour] logs of every container: $out/logs/"
echo "[tour] state of each machine:   $out/state/"
echo "[tour] The tarballs are attached to the tour's Maven project with those"
echo "[tour] classifiers; in a site of your own, mvn install and mvn deploy publish them."
echo "[tour] binpkg store and other volumes (kept, so a second tour only checks):"
docker volume ls -q --filter "name=$prefix-" | sed 's/^/[tour]   /'
echo "[tour] remove them with: docker volume ls -q --filter name=$prefix- | xargs docker volume rm"
echo "[tour] no container of site $site is left."
[ "$missing" = 0 ] || { echo "[tour] a stage lacks its overlay or services (above)" >&2; exit 1; }
