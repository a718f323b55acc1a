#!/usr/bin/env bash
# After the integration tests: nothing this test run created may be left on the
# daemon, apart from the named caches (images). Objects older than the run, from
# other runs or other checkouts, are not this run's business.
# Usage: check-leftovers.sh START_FILE   (START_FILE holds the run's start, epoch seconds)
#
# The check must not pass because it could not look: a docker command that fails
# (for any reason but "No such ...", an object removed between listing and
# inspecting it) or a date it cannot read ends it with an error. Every command
# substitution below is a plain assignment, which set -e does check; a `for x in
# $(cmd)` or an argument "$(cmd)" would not be.
set -euo pipefail

fail() {
  echo "[check-leftovers] $1; cannot tell whether the test run left anything behind." \
    "Check that the Docker daemon answers (docker info, DOCKER_HOST) and run the check again." >&2
  exit 2
}

since=$(cat "$1") || fail "cannot read the run's start from $1"
[[ "$since" =~ ^[0-9]+$ ]] || fail "$1 holds '$since', not the run's start in epoch seconds"

errors=$(mktemp)
trap 'rm -f "$errors"' EXIT

# docker ARGS..., its output on stdout. An object that is no more prints nothing;
# any other failure fails the check, with docker's own words.
docker_q() {
  local out rc=0
  out=$(docker "$@" 2>"$errors") || rc=$?
  if [ "$rc" -ne 0 ]; then
    if [ ! -s "$errors" ] || grep -v '^[[:space:]]*$' "$errors" \
        | grep -qiv -e 'no such \(container\|image\|volume\|network\|object\|service\|secret\)' -e 'network .* not found'; then
      fail "docker $* failed (exit $rc): $(tr '\n' ' ' < "$errors")"
    fi
    return 0
  fi
  printf '%s' "$out"
}

# Whether a Docker timestamp is at or after the run's start. Unreadable is an error.
created_after() {
  local ts
  ts=$(date -d "$1" +%s 2>/dev/null) || fail "cannot read the date '$1' of $2"
  [ "$ts" -ge "$since" ]
}

left=0
ids=$(docker_q ps -aq --filter label=org.zentoo.site)
for c in $ids; do
  created=$(docker_q inspect -f '{{.Created}}' "$c")
  if [ -n "$created" ] && created_after "$created" "container $c"; then
    labels=$(docker_q inspect -f '{{index .Config.Labels "org.zentoo.site"}} {{index .Config.Labels "org.zentoo.machine"}}' "$c")
    echo "left behind: container $c $labels"
    left=1
  fi
done
ids=$(docker_q volume ls -q --filter name=zentoo-it-)
for v in $ids; do
  created=$(docker_q volume inspect -f '{{.CreatedAt}}' "$v")
  if [ -n "$created" ] && created_after "$created" "volume $v"; then
    echo "left behind: volume $v"
    left=1
  fi
done
ids=$(docker_q network ls -q --filter label=org.zentoo.site)
for n in $ids; do
  created=$(docker_q network inspect -f '{{.Created}}' "$n")
  if [ -n "$created" ] && created_after "$created" "network $n"; then
    name=$(docker_q network inspect -f '{{.Name}}' "$n")
    echo "left behind: network $n $name"
    left=1
  fi
done
# Swarm jobs: services and secrets exist only on a manager (elsewhere the commands fail by design).
manager=$(docker_q info --format '{{.Swarm.ControlAvailable}}')
if [ "$manager" = true ]; then
  for kind in service secret; do
    ids=$(docker_q "$kind" ls -q --filter label=org.zentoo.site)
    for o in $ids; do
      created=$(docker_q "$kind" inspect -f '{{.CreatedAt.Format "2006-01-02T15:04:05Z07:00"}}' "$o")
      if [ -n "$created" ] && created_after "$created" "$kind $o"; then
        echo "left behind: $kind $o"
        left=1
      fi
    done
  done
fi
# The test Swarm's worker nodes and registry (it/swarm/nodes.sh down removes them).
ids=$(docker_q ps -aq --filter label=org.zentoo.test-swarm)
for c in $ids; do
  echo "left behind: test Swarm container $c (it/swarm/nodes.sh down removes it)"
  left=1
done
# zentoo:test imports each stage as an image of the run; it must be gone too.
ids=$(docker_q images -q zentoo/stage-under-test)
for i in $ids; do
  labels=$(docker_q image inspect -f '{{index .Config.Labels "org.zentoo.site"}} {{index .Config.Labels "org.zentoo.machine"}}' "$i")
  echo "left behind: image $i $labels"
  left=1
done
# zentoo:test boots kernels in QEMU on this host; no QEMU may outlive its test.
# pgrep exits 1 when nothing matches, 2 or more when it could not look.
rc=0
pids=$(pgrep -x qemu-system-x86) || rc=$?
[ "$rc" -le 1 ] || fail "pgrep -x qemu-system-x86 failed (exit $rc)"
now=$(date +%s)
for p in $pids; do
  if ! elapsed=$(ps -o etimes= -p "$p"); then
    [ ! -e "/proc/$p" ] && continue  # ended since pgrep saw it
    fail "ps -o etimes= -p $p failed"
  fi
  if [ $(( now - elapsed )) -ge "$since" ]; then
    echo "left behind: qemu-system-x86_64 process $p: $(tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | cut -c1-200)"
    left=1
  fi
done
if [ "$left" -ne 0 ]; then
  echo "[check-leftovers] the test run left Docker objects or QEMU processes behind (see above)" >&2
  exit 1
fi
echo "[check-leftovers] no container, volume, network, Swarm service or secret, test Swarm node, stage image or QEMU process of this test run is left"
