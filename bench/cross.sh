#!/usr/bin/env bash
# Builds the compile fixture app-misc/many-units (40 C units and a main) for an
# arm64 machine on this amd64 host: zentoo:build under QEMU user emulation, with
# 0 and 2 native cross-compiling distcc workers, from empty binpkg volumes each
# time; prints a Markdown section with the build step's time and the remote share.
# Not a timed test: the numbers depend on the host. --append adds the section to
# docs/benchmarks.md.
# Usage: bench/cross.sh [--append] [jobs-per-worker]
#   (after `mvn install -DskipTests`; ZENTOO_BENCH_REPO names another local
#   repository holding the plugin, e.g. it/target/local-repo after the ITs)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
append=no
if [ "${1:-}" = --append ]; then append=yes; shift; fi
jobs=${1:-2}
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
repo=${ZENTOO_BENCH_REPO:-$HOME/.m2/repository}
work=$(mktemp -d /tmp/zentoo-bench-cross.XXXXXX)
prefix=zentoo-bench-cross
drop_images() {
  docker images --format '{{.Repository}}:{{.Tag}}' --filter label=org.zentoo.distcc.store=$prefix-binpkgs \
    | xargs -r docker rmi >/dev/null
}
trap 'rm -rf "$work"; docker volume ls -q --filter name=$prefix- | xargs -r docker volume rm -f >/dev/null; drop_images' EXIT

bash "$root/it/stage/build-stage.sh" --arch arm64 "$work/arm64.image" >/dev/null
bash "$root/it/stage/build-cross-worker.sh" "$work/cross.image" 2>/dev/null
seed=$(cat "$work/arm64.image")
cross=$(cat "$work/cross.image")
cp -r "$root/it/src/it/arm64-distcc/config" "$work/"
sed -i "s|@testStageArm64@|$seed|" "$work/config/site.conf"
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.zentoo.bench</groupId>
  <artifactId>cross</artifactId>
  <version>1.0</version>
  <packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>org.zentoo</groupId><artifactId>zentoo-maven-plugin</artifactId><version>$version</version>
    <executions><execution><goals><goal>render</goal><goal>build</goal></goals></execution></executions>
  </plugin></plugins></build>
</project>
POM

build() { # workers log
  "$root/mvnw" -B -o -Dmaven.repo.local="$repo" -f "$work/pom.xml" compile -Dzentoo.volumePrefix=$prefix \
    -Dzentoo.distcc.workers=$1 -Dzentoo.distcc.jobs="$jobs" -Dzentoo.distcc.crossImage="$cross" > "$2" 2>&1 \
    || { tail -30 "$2" >&2; echo "build with $1 workers failed" >&2; exit 1; }
}

# The arm64 seed has no distcc: the first distcc build makes the machine's distcc
# image (emulated). That is done once here, untimed; the runs below reuse it.
drop_images
build 2 "$work/build-image.log"
grep -q 'making distcc image' "$work/build-image.log" || { echo "the warm-up build made no distcc image" >&2; exit 1; }

rows=()
for workers in 0 2; do
  docker volume ls -q --filter name=$prefix- | xargs -r docker volume rm -f >/dev/null
  log=$work/build-$workers.log
  build "$workers" "$log"
  # The build step's own time from the summary table: no JVM start, no render.
  row=$(grep -E '^\[INFO\] arm01 ' "$log" | tail -1)
  time=$(awk '{print $5}' <<<"$row")
  if [ "$workers" = 0 ]; then
    where="all emulated in the build container (no distcc)"
  else
    where=$(grep -o 'distcc: .*' <<<"$row")
    remote=$(sed -n 's/distcc: \([0-9]*\) compile jobs remote.*/\1/p' <<<"$where")
    local_=$(sed -n 's/.*, \([0-9]*\) local$/\1/p' <<<"$where")
    where="$where; remote share $(( 100 * remote / (remote + local_) ))%"
  fi
  rows+=("| $workers | $( [ "$workers" = 0 ] && echo - || echo "$jobs") | $time | $where |")
done

section=$(cat <<MD

## Cross distcc: an arm64 build on an amd64 host with 0 and 2 native workers

\`bench/cross.sh\` builds \`app-misc/many-units\` (40 generated C units and a main,
compiled by make with \${CHOST}-gcc) for an arm64 machine whose seed is the arm64
test stage, so \`zentoo:build\` runs under QEMU user emulation (binfmt
qemu-aarch64). With workers, the compiles go to native distcc workers started from
the fixture's cross worker image (the amd64 test stage with Debian's
gcc-aarch64-linux-gnu, gcc 12.2.0 as in the arm64 stage), serving
aarch64-unknown-linux-gnu-gcc; configure, preprocessing, linking and Portage stay
emulated. Each run starts from empty binpkg volumes; the machine's distcc image is
made once before, untimed. Time is the build step from the summary table (worker
start, CHOST query and probe included); the remote share is counted from distcc's
client log. It is not a timed test.

Command: \`bench/cross.sh $jobs\`. Results ($(date -u +%Y-%m-%d), seed \`$seed\`, cross image \`$cross\`,
load average before: $(cut -d' ' -f1-3 /proc/loadavg)):

| workers | jobs/worker | build time | where compiles ran |
|---|---|---|---|
$(printf '%s\n' "${rows[@]}")

Machine (\`nproc\` = $(nproc)): $(lscpu | sed -n 's/^Model name: *//p' | head -1). The workers share
this host's cores with the emulated build container.
MD
)
echo "$section"
if [ "$append" = yes ]; then
  echo "$section" >> "$root/docs/benchmarks.md"
fi
