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
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
work=$(mktemp -d /tmp/zentoo-bench-noop.XXXXXX)
prefix=zentoo-bench-noop
site=org.zentoo.bench:noop
repo=(-Dmaven.repo.local="$work/repo" -Dmaven.repo.local.tail="$HOME/.m2/repository")
cleanup() {
  docker ps -aq --filter "label=org.zentoo.site=$site" | xargs -r docker rm -f >/dev/null
  docker volume ls -q --filter name=$prefix- | xargs -r docker volume rm -f >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

bash "$root/it/stage/build-stage.sh" "$work/image" >/dev/null
image=$(cat "$work/image")
docker volume ls -q --filter name=$prefix- | xargs -r docker volume rm -f >/dev/null

# This checkout's plugin, into the bench's own local repository.
"$root/mvnw" -B -q -o -f "$root/pom.xml" -pl zentoo-maven-plugin package -DskipTests
install_file() { # file pom
  (cd "$work" && "$root/mvnw" -B -q "${repo[@]}" \
    org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file -Dfile="$1" -DpomFile="$2")
}
install_file "$root/pom.xml" "$root/pom.xml"
install_file "$root/zentoo-maven-plugin/target/zentoo-maven-plugin-$version.jar" "$root/zentoo-maven-plugin/pom.xml"

# The site: sets for the repository, the two packages and two USE variants.
c=$work/site/config
mkdir -p "$c"/sets/{bench,hello,world,greeting,french}
cat > "$c/site.conf" <<CONF
SEED="$image"
SNAPSHOT="seed"
PROFILE="zentoo-test:default/linux/amd64"
KERNEL=""
CONF
cp "$root/it/src/it/build-assemble/config/sets/fixture/repos.conf" "$c/sets/bench/"
cp "$root/it/src/it/build-assemble/config/sets/fixture/make.conf" "$c/sets/bench/"
echo app-misc/hello > "$c/sets/hello/packages"
echo app-misc/world > "$c/sets/world/packages"
echo 'app-misc/hello greeting' > "$c/sets/greeting/package.use"
echo 'app-misc/hello l10n_fr' > "$c/sets/french/package.use"
for i in 01 02 03 04 05 06 07 08 09 10; do
  m=$c/machines/n$i
  mkdir -p "$m"
  if ((10#$i <= 5)); then parents=(bench hello); else parents=(bench world); fi
  case $i in 02|07) parents+=(greeting) ;; 03|08) parents+=(french) ;; esac
  printf '%s\n' "${parents[@]}" > "$m/parent"
  echo "# bench machine n$i" > "$m/machine.conf"
done
cat > "$work/site/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.zentoo.bench</groupId>
  <artifactId>noop</artifactId>
  <version>1.0</version>
  <packaging>pom</packaging>
  <properties>
    <project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp>
    <zentoo.volumePrefix>$prefix</zentoo.volumePrefix>
    <zentoo.stage.format>tar.zst</zentoo.stage.format>
    <zentoo.stage.level>3</zentoo.stage.level>
  </properties>
  <build>
    <pluginManagement><plugins><plugin>
      <groupId>org.apache.maven.plugins</groupId><artifactId>maven-install-plugin</artifactId><version>3.1.4</version>
    </plugin></plugins></pluginManagement>
    <plugins><plugin>
      <groupId>org.zentoo</groupId><artifactId>zentoo-maven-plugin</artifactId><version>$version</version>
      <executions><execution><goals>
        <goal>render</goal><goal>build</goal><goal>assemble</goal><goal>kernel</goal>
      </goals></execution></executions>
    </plugin></plugins>
  </build>
</project>
POM

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
