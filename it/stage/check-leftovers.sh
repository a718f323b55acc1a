#!/usr/bin/env bash
# After the integration tests: nothing this test run created may be left on the
# daemon, apart from the named caches (images). Objects older than the run, from
# other runs or other checkouts, are not this run's business.
# Usage: check-leftovers.sh START_FILE   (START_FILE holds the run's start, epoch seconds)
set -euo pipefail
since=$(cat "$1")
left=0
created_after() { local ts; ts=$(date -d "$1" +%s 2>/dev/null || echo 0); [ "$ts" -ge "$since" ]; }

for c in $(docker ps -aq --filter label=org.zentoo.site); do
  if created_after "$(docker inspect -f '{{.Created}}' "$c")"; then
    echo "left behind: container $c $(docker inspect -f '{{index .Config.Labels "org.zentoo.site"}} {{index .Config.Labels "org.zentoo.machine"}}' "$c")"
    left=1
  fi
done
for v in $(docker volume ls -q --filter name=zentoo-it-); do
  if created_after "$(docker volume inspect -f '{{.CreatedAt}}' "$v")"; then
    echo "left behind: volume $v"
    left=1
  fi
done
for n in $(docker network ls -q --filter label=org.zentoo.site); do
  if created_after "$(docker network inspect -f '{{.Created}}' "$n")"; then
    echo "left behind: network $n $(docker network inspect -f '{{.Name}}' "$n")"
    left=1
  fi
done
# zentoo:test imports each stage as an image of the run; it must be gone too.
for i in $(docker images -q zentoo/stage-under-test); do
  echo "left behind: image $i $(docker image inspect -f '{{index .Config.Labels "org.zentoo.site"}} {{index .Config.Labels "org.zentoo.machine"}}' "$i")"
  left=1
done
# zentoo:test boots kernels in QEMU on this host; no QEMU may outlive its test.
for p in $(pgrep -x qemu-system-x86 || true); do
  start=$(( $(date +%s) - $(ps -o etimes= -p "$p" 2>/dev/null || echo 0) ))
  if [ "$start" -ge "$since" ]; then
    echo "left behind: qemu-system-x86_64 process $p: $(tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | cut -c1-200)"
    left=1
  fi
done
if [ "$left" -ne 0 ]; then
  echo "[check-leftovers] the test run left Docker objects or QEMU processes behind (see above)" >&2
  exit 1
fi
echo "[check-leftovers] no container, volume, network, stage image or QEMU process of this test run is left"
