#!/usr/bin/env bash
# Builds the compile fixture app-misc/many-units (40 C units) through zentoo:build
# with 0, 1 and 2 local distcc workers, from empty binpkg volumes each time, and
# prints a Markdown section: wall time of the build step and where compiles ran.
# Not a timed test: the numbers depend on the host. Append the output to
# docs/benchmarks.md yourself, or pass --append.
# Usage: bench/distcc.sh [--append] [jobs-per-worker]   (after `mvn install -DskipTests`)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
append=no
if [ "${1:-}" = --append ]; then append=yes; shift; fi
jobs=${1:-2}
image_file=$(mktemp /tmp/zentoo-bench-image.XXXXXX)
work=$(mktemp -d /tmp/zentoo-bench-distcc.XXXXXX)
prefix=zentoo-bench-distcc
. "$root/bench/distcc-lib.sh"
trap 'rm -rf "$work" "$image_file"; drop_volumes; drop_images' EXIT

bash "$root/it/stage/build-stage.sh" "$image_file" >/dev/null
image=$(cat "$image_file")
cp -r "$root/it/src/it/distcc-site/config" "$work/"
sed -i "s|@testStage@|$image|" "$work/config/site.conf"
write_build_pom distcc

build() { # workers log
  mvn -B -o -f "$work/pom.xml" compile -Dzentoo.volumePrefix=$prefix \
    -Dzentoo.distcc.workers=$1 -Dzentoo.distcc.jobs="$jobs" > "$2" 2>&1 \
    || { tail -30 "$2" >&2; echo "build with $1 workers failed" >&2; exit 1; }
}

# The seed has no distcc: the first distcc build makes the distcc image. That is
# done once here, untimed; the runs below reuse the image.
drop_images
build 1 "$work/build-image.log"
made=$(grep -o 'making distcc image [^:]*:[0-9a-f]*' "$work/build-image.log" || true)
[ -n "$made" ] || { echo "the warm-up build made no distcc image" >&2; exit 1; }

rows=()
for workers in 0 1 2; do
  drop_volumes
  log=$work/build-$workers.log
  build "$workers" "$log"
  # The build step's own time from the summary table: no JVM start, no render.
  row=$(grep -E '^\[INFO\] dist01 ' "$log" | tail -1)
  time=$(awk '{print $5}' <<<"$row")
  if [ "$workers" = 0 ]; then
    where="all local (no distcc)"
  else
    where=$(remote_share "$row")
  fi
  rows+=("| $workers | $( [ "$workers" = 0 ] && echo - || echo "$jobs") | -j$(( workers == 0 ? $(nproc) : workers * jobs )) | $time | $where |")
done

section=$(cat <<MD

## distcc: the compile fixture with 0, 1 and 2 workers

\`bench/distcc.sh\` builds \`app-misc/many-units\` (40 generated C units and a main,
compiled by make with ${CHOST}-gcc (tc-getCC), so distcc's masquerade directory, first on PATH, applies)
with \`zentoo:build\` from empty binpkg volumes, with 0, 1 and 2 local distcc
workers started from the distcc image Zentoo made from the test stage (the test
stage has no distcc; the image is made once, untimed, before the runs). Time is
the build step from the summary table (worker start and probe included); the
remote share is counted from distcc's client log. It is not a timed test.

Results ($(date -u +%Y-%m-%d), image \`$image\`, load average before: $(cut -d' ' -f1-3 /proc/loadavg)):

| workers | jobs/worker | MAKEOPTS | build time | where compiles ran |
|---|---|---|---|---|
$(printf '%s\n' "${rows[@]}")

Machine (\`nproc\` = $(nproc)): $(lscpu | sed -n 's/^Model name: *//p' | head -1). All workers run on
this one host, so they share its cores with the build container: on a 2-core host
the time need not fall; the table shows that the compiles moved to the workers.
MD
)
echo "$section"
if [ "$append" = yes ]; then
  mkdir -p "$root/docs"
  [ -f "$root/docs/benchmarks.md" ] || echo "# Benchmarks" > "$root/docs/benchmarks.md"
  echo "$section" >> "$root/docs/benchmarks.md"
fi
