# Invocation 7 (exec:exec@running-build, see pom.xml): a real zentoo:build of m1,
# started in the background, that invocations 8-10 meet. It builds config-gate:
# m1's config with hold-hello.bashrc as Portage's hook for app-misc/hello, so it
# installs everything from the store (writing no binpkg) and holds in hello's
# pkg_setup until the test opens the gate. The store's lock is the one Zentoo's
# build takes (StoreLock): nothing here touches it. The gate opens when a zentoo:gc
# container says it waits for a build (invocation 10), so no clock decides the
# order; each wait is bounded (20 minutes here, 30 in the hook).
# Arguments: Maven's home, the settings file and the local repository of this run.
set -euo pipefail
cd "$(dirname "$0")"
maven_home=$1 settings=$2 repository=$3
[ -x "$maven_home/bin/mvn" ] && [ -f "$settings" ] && [ -d "$repository" ] \
  || { echo "running-build.sh: expected Maven's home, a settings file and a repository, got: $*" >&2; exit 1; }
site=label=org.zentoo.site=org.zentoo.it:binhost-signed
rm -f target/running-build.exit target/running-build.container target/gate.log
# The build's exit status goes to target/running-build.exit when it ends; verify.groovy reads it.
setsid bash -c '"$1/bin/mvn" -B -s "$2" -Dmaven.repo.local="$3" zentoo:render zentoo:build \
    -Dzentoo.configDirectory=config-gate -Dzentoo.machines=m1 -Dzentoo.outputDirectory=target/zentoo-gate \
    -Dzentoo.binpkg.signingKey= -Dzentoo.lock.update -l running-build.log
  echo $? > target/running-build.exit' running-build "$maven_home" "$settings" "$repository" \
  </dev/null >/dev/null 2>&1 &

held=
for _ in $(seq 1 1200); do
  if [ -e target/running-build.exit ]; then
    echo "the background zentoo:build ended before app-misc/hello's pkg_setup:" >&2
    tail -n 40 running-build.log >&2
    exit 1
  fi
  for c in $(docker ps -q --filter "$site" --filter label=org.zentoo.machine=m1); do
    if docker exec "$c" test -e /tmp/zentoo-it-held 2>/dev/null; then held=$c; fi
  done
  [ -z "$held" ] || break
  sleep 1
done
if [ -z "$held" ]; then
  echo "no build container of m1 reached app-misc/hello's pkg_setup in 20 minutes" >&2
  exit 1
fi
echo "$held" > target/running-build.container
echo "a zentoo:build of m1 is in flight: its container $held waits in app-misc/hello's pkg_setup"

setsid bash -c '
  for _ in $(seq 1 1200); do
    for g in $(docker ps -q --filter "$1" --filter label=org.zentoo.machine=gc); do
      if docker logs "$g" 2>&1 | grep -q "a build is using this store: waiting"; then
        echo "zentoo:gc container $g waits for the build: gate opened" >> target/gate.log
        docker exec "$2" touch /tmp/zentoo-it-open
        exit
      fi
    done
    sleep 1
  done
  echo "no zentoo:gc waited for the build in 20 minutes: gate opened" >> target/gate.log
  docker exec "$2" touch /tmp/zentoo-it-open' gate "$site" "$held" </dev/null >/dev/null 2>&1 &
