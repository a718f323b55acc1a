#!/usr/bin/env bash
# A no-op build: `mvn install` of an unchanged 10-machine site on the test stage.
# Generates the site (each machine installs app-misc/hello or app-misc/world, with
# three USE variants of hello; SNAPSHOT=seed; volumes of its own), runs
# `mvn install` once untimed, then times RUNS more runs of the same command (wall
# time, Maven's start included) and counts the containers Docker created during
# each. Not a timed test: it prints a Markdown section for docs/benchmarks.md
# (--append adds it there).
# Uses this checkout's plugin: it packages zentoo-maven-plugin and installs it,
# with the site's stages, into a local repository of its own under /tmp, whose
# tail is ~/.m2/repository; nothing is written to ~/.m2.
# Run it alone on the Docker host: every container created meanwhile is counted.
# Usage: bench/noop.sh [--append] [runs]   (runs: default 3)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
append=no
if [ "${1:-}" = --append ]; then append=yes; shift; fi
runs=${1:-3}
work=$(mktemp -d /tmp/zentoo-bench-noop.XXXXXX)
prefix=zentoo-bench-noop
site=org.zentoo.bench:noop
. "$root/bench/site-lib.sh"
cleanup() {
  docker ps -aq --filter "label=org.zentoo.site=$site" | xargs -r docker rm -f >/dev/null
  docker volume ls -q --filter name=$prefix- | xargs -r docker volume rm -f >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

bash "$root/it/stage/build-stage.sh" "$work/image" >/dev/null
image=$(cat "$work/image")
docker volume ls -q --filter name=$prefix- | xargs -r docker volume rm -f >/dev/null

install_plugin
write_site noop "$image"

install() { # log [maven options]
  local log=$1
  shift
  "$root/mvnw" -B "$@" "${repo[@]}" -f "$work/site/pom.xml" install > "$log" 2>&1 \
    || { tail -40 "$log" >&2; echo "mvn install failed (log above)" >&2; exit 1; }
}

# The first run may fetch what the local repositories lack (install plugin, ...);
# the timed runs are offline.
install "$work/first.log"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
for run in $(seq 1 "$runs"); do
  log=$work/noop-$run.log
  since=$(date +%s.%N)
  install "$log" -o
  until=$(date +%s.%N)
  wall=$(echo "scale=1; ($until - $since) / 1" | bc)
  # Every container Docker created in that interval, with the machine it was for.
  created=$(docker events --since "$since" --until "$until" --filter type=container --filter event=create \
    --format '{{index .Actor.Attributes "org.zentoo.machine"}}:{{.Actor.Attributes.image}}')
  count=$(grep -c . <<<"$created" || true)
  echo "run $run: ${wall} s, $count containers created" >&2
  [ -z "$created" ] || sed 's/^/  /' <<<"$created" >&2
  unchanged=$(grep -c 'UNCHANGED' "$log" || true)
  rows+=("| $run | $wall | $count | $unchanged |")
done

section=$(cat <<MD

## No-op: \`mvn install\` of an unchanged 10-machine site

\`bench/noop.sh\` generates a site of 10 machines on the test stage (5 with
\`app-misc/hello\`, 5 with \`app-misc/world\`, hello in three USE variants;
\`SNAPSHOT=seed\`, no kernel, \`tar.zst\` level 3), runs \`mvn install\` (render, build,
assemble, kernel, install) once untimed, then $runs more times with nothing changed.
Wall time is the whole \`./mvnw -B -o install\`, Maven's start included;
containers are those Docker created meanwhile (\`docker events\`, event \`create\`).
It is not a timed test.

Results ($(date -u +%Y-%m-%d), commit \`$(git -C "$root" rev-parse --short HEAD)\`, image \`$image\`, load average before: $load_before):

| run | wall s | containers created | summary rows UNCHANGED |
|---|---|---|---|
$(printf '%s\n' "${rows[@]}")

Machine (\`nproc\` = $(nproc)): $(lscpu | sed -n 's/^Model name: *//p' | head -1); $(java -version 2>&1 | head -1).
MD
)
echo "$section"
if [ "$append" = yes ]; then
  mkdir -p "$root/docs"
  [ -f "$root/docs/benchmarks.md" ] || echo "# Benchmarks" > "$root/docs/benchmarks.md"
  echo "$section" >> "$root/docs/benchmarks.md"
fi
