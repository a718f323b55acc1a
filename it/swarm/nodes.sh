#!/usr/bin/env bash
# The test Swarm on one host: the host's daemon is the manager, two containers
# running Debian's dockerd (Docker-in-Docker) are the workers, a registry
# container serves task images to all of them.
# Usage: nodes.sh up [--disk] [STATE_DIR] | down [STATE_DIR] | image
#   up    builds (or finds cached) the node image, puts the host's daemon in a
#         Swarm if it is in none, starts the registry and 2 worker nodes on the
#         project's bridge, joins and labels them (zentoo==builder) and waits
#         until they are Ready. Writes to STATE_DIR (default it/target/swarm):
#         nodes (container=node id lines), registry (the 127.0.0.1:port images
#         are pushed to and pulled from).
#         Each worker's /var/lib/docker is a tmpfs, unless --disk puts it in
#         STATE_DIR/node-store/<worker> on the host's disk: with the vfs driver a
#         worker holds a full copy of every image layer (~5 GB for the test stage),
#         which a tmpfs keeps in memory it cannot give back.
#   down  removes the nodes, their Swarm entries, the registry and the bridge,
#         and leaves the Swarm if `up` made the daemon join it; removes
#         STATE_DIR/node-store.
# Every docker call is bounded; traffic stays on loopback and the project bridge.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
command=${1:-}
[ $# -gt 0 ] && shift
disk=false
positional=()
for arg in "$@"; do
  case "$arg" in
    --disk) disk=true ;;
    *) positional+=("$arg") ;;
  esac
done
state=${positional[0]:-$here/../target/swarm}
# The marker distcc-support.groovy uses too: the Swarm was made by a test of this checkout.
marker=$here/../target/swarm-initialised-by-it
network=zentoo-it-swarm
registry=zentoo-it-swarm-registry
workers=(zentoo-it-swarm-node-1 zentoo-it-swarm-node-2)
label=org.zentoo.test-swarm=true
export DOCKER_BUILDKIT=0

log() { echo "[swarm-nodes] $*" >&2; }
die() { echo "[swarm-nodes] ERROR: $*" >&2; exit 1; }
d() { timeout 300 docker "$@"; }

swarm_state() { d info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'; }

# The node image: the test stage's Debian base plus Debian's docker.io, cached by a
# hash of that base and of this directory's recipe.
node_image() {
  local stage_file base image hash
  stage_file=$(mktemp /tmp/zentoo-swarm-stage.XXXXXX)
  bash "$here/../stage/build-stage.sh" "$stage_file" >&2 || { rm -f "$stage_file"; die "the test stage could not be built"; }
  base=zentoo/test-base:$(d image inspect -f '{{index .Config.Labels "org.zentoo.test-base"}}' "$(cat "$stage_file")")
  rm -f "$stage_file"
  hash=$( (echo "$base"; cat "$here/Dockerfile.node" "$here/node-entry.sh") | sha256sum | cut -c1-16)
  image=zentoo/test-swarm-node:$hash
  if ! d image inspect "$image" >/dev/null 2>&1; then
    log "building $image from $base (Debian's docker.io)"
    # The host network: apt needs deb.debian.org, whatever bridge the daemon has.
    d build -q --network host --build-arg BASE="$base" -t "$image" -f "$here/Dockerfile.node" "$here" >/dev/null \
      || die "the node image did not build"
  fi
  echo "$image"
}

up() {
  local image found gw port token manager_addr start
  image=$(node_image)
  mkdir -p "$state"
  # A crashed run's nodes and registry go first: their names are fixed.
  d rm -f -v "${workers[@]}" "$registry" >/dev/null 2>&1 || true
  # rm -rf, not a recursive delete that follows links: a docker root holds links to /.
  rm -rf "$state/node-store"
  d network inspect "$network" >/dev/null 2>&1 || d network create --label "$label" "$network" >/dev/null
  read -r found manager < <(swarm_state)
  if [ "$found" = active ] && [ "$manager" = true ] && [ ! -f "$marker" ]; then
    log "the daemon is a manager of a Swarm it was already in: used as found"
  else
    if [ "$found" != inactive ]; then
      log "leaving the stale Swarm (state $found${manager:+, manager $manager})"
      d swarm leave --force >/dev/null || die "cannot leave the stale Swarm"
      rm -f "$marker"
    fi
    # The host's address on the project's bridge: the one the nodes reach (from a
    # user-defined bridge, the docker0 gateway refuses connections here).
    gw=$(d network inspect "$network" -f '{{(index .IPAM.Config 0).Gateway}}')
    d swarm init --advertise-addr "$gw" >/dev/null || die "docker swarm init --advertise-addr $gw failed"
    mkdir -p "$(dirname "$marker")"
    echo "docker swarm init by it/swarm/nodes.sh" > "$marker"
  fi
  manager_addr=$(d info --format '{{(index .Swarm.RemoteManagers 0).Addr}}')
  token=$(d swarm join-token -q worker)
  # A free loopback port of the daemon's choosing.
  d run -d --name "$registry" --label "$label" --network "$network" -p "127.0.0.1::5000" \
    --entrypoint /bin/sh "$image" -c 'printf "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: /var/lib/registry\nhttp:\n  addr: :5000\n" > /etc/registry.yml; exec docker-registry serve /etc/registry.yml' >/dev/null
  port=$(d port "$registry" 5000/tcp | head -1)
  port=${port##*:}
  echo "127.0.0.1:$port" > "$state/registry"
  : > "$state/nodes"
  for w in "${workers[@]}"; do
    start=$(date +%s%N)
    store=(--tmpfs /var/lib/docker:exec)
    if [ "$disk" = true ]; then
      mkdir -p "$state/node-store/$w"
      store=(-v "$(cd "$state/node-store/$w" && pwd):/var/lib/docker")
    fi
    # What Docker-in-Docker needs here: every capability the host grants (it lacks
    # CAP_SYS_RESOURCE, so --privileged fails), no seccomp/AppArmor filter, the
    # host's cgroups, and an exec-able /var/lib/docker that is not overlayfs.
    d run -d --name "$w" --hostname "$w" --label "$label" --network "$network" \
      --cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined \
      --security-opt apparmor=unconfined --security-opt systempaths=unconfined \
      --cgroupns host -v /sys/fs/cgroup:/sys/fs/cgroup:rw "${store[@]}" \
      -e REGISTRY="$registry:5000" -e REGISTRY_PORT="$port" "$image" >/dev/null
    for _ in $(seq 60); do d exec "$w" docker info >/dev/null 2>&1 && break; sleep 1; done
    d exec "$w" docker info >/dev/null 2>&1 || die "the dockerd in $w did not answer within 60 s: $(d logs --tail 20 "$w" 2>&1)"
    d exec "$w" docker swarm join --token "$token" "$manager_addr" >/dev/null || die "$w could not join $manager_addr"
    id=$(d exec "$w" docker info --format '{{.Swarm.NodeID}}')
    d node update --label-add zentoo=builder "$id" >/dev/null
    echo "$w=$id" >> "$state/nodes"
    log "$w joined as node $id ($(( ($(date +%s%N) - start) / 1000000 )) ms from docker run)"
  done
  for _ in $(seq 60); do
    ready=0
    while IFS== read -r w id; do
      [ "$(d node inspect -f '{{.Status.State}}' "$id")" = ready ] && ready=$((ready + 1))
    done < "$state/nodes"
    [ "$ready" -eq "${#workers[@]}" ] && { log "${#workers[@]} worker nodes ready; registry at 127.0.0.1:$port"; return 0; }
    sleep 1
  done
  die "the worker nodes are not Ready after 60 s: $(d node ls)"
}

down() {
  local ids=() w id
  if [ -f "$state/nodes" ]; then
    while IFS== read -r w id; do ids+=("$id"); done < "$state/nodes"
  fi
  for w in "${workers[@]}"; do
    d rm -f -v "$w" >/dev/null 2>&1 || true
  done
  for id in "${ids[@]}"; do
    d node rm --force "$id" >/dev/null 2>&1 || true
  done
  d rm -f -v "$registry" >/dev/null 2>&1 || true
  d network rm "$network" >/dev/null 2>&1 || true
  if [ -f "$marker" ]; then
    read -r found _ < <(swarm_state)
    if [ "$found" != inactive ]; then
      d swarm leave --force >/dev/null || die "cannot leave the Swarm nodes.sh made"
    fi
    rm -f "$marker"
  fi
  rm -f "$state/nodes" "$state/registry"
  rm -rf "$state/node-store"
  log "worker nodes, registry and bridge removed"
}

case "$command" in
  up) up ;;
  down) down ;;
  image) node_image ;;
  *) die "usage: nodes.sh up [--disk] [STATE_DIR] | down [STATE_DIR] | image" ;;
esac
