#!/usr/bin/env bash
# Swarm mode's overhead per machine: the 10-machine bench site (bench/site-lib.sh)
# built and assembled (`mvn verify`) three times from an empty binhost, the binhost as
# the store each time:
#   host      on this host alone (-Dzentoo.store=binhost), the baseline;
#   swarm-1   as Swarm jobs on worker 1 only (-Dzentoo.swarm.constraints=node.id==<w1>);
#   swarm-2   as Swarm jobs on both workers (node.role==worker).
# The Swarm is the test Swarm of it/swarm/nodes.sh (this host's daemon as manager, two
# Docker-in-Docker workers on vfs, a registry), brought up afresh for each run so that
# every run's first task pushes and pulls the seed's layers; nginx serves the binhost
# (WebDAV) on the Swarm bridge's gateway, as in it/src/it/swarm-site.
# Prints a Markdown section: step times per machine from the summary tables, and for
# each Swarm task where its time went, from `docker events` of the manager and the
# workers (the input image's commit and push here, the service's creation, the
# worker's pull, the task's container). --append adds it to docs/benchmarks.md.
# Heavy: each vfs worker holds ~5 GB per copy of the test stage in RAM (tmpfs); a
# pruner removes the workers' older input images while the run goes on. Run it alone,
# under the IT lock: flock /tmp/zentoo-docker-it.lock bench/swarm.sh
# Usage: bench/swarm.sh [--append]   (needs nginx, python3; uses this checkout's plugin)
#   ZENTOO_BENCH_KEEP=1 keeps the work directory (logs, events); the tables can be made
#   again from it: python3 bench/swarm-report.py <dir> host swarm-1 swarm-2
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
append=no
if [ "${1:-}" = --append ]; then append=yes; shift; fi
work=$(mktemp -d /tmp/zentoo-bench-swarm.XXXXXX)
prefix=zentoo-bench-swarm
site=org.zentoo.bench:swarm
nodes=$root/it/swarm/nodes.sh
state=$work/swarm
. "$root/bench/site-lib.sh"
pids=()
stop_background() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
stop_nginx() {
  [ -f "$work/nginx/nginx.pid" ] && nginx -p "$work/nginx/" -c "$work/nginx/nginx.conf" -s stop 2>/dev/null || true
  rm -f "$work/nginx/nginx.pid"
}
cleanup() {
  stop_background
  stop_nginx
  # No Swarm any more (the last run's `down` left it) is no error here.
  { docker service ls -q --filter "label=org.zentoo.site=$site" | xargs -r docker service rm; } >/dev/null 2>&1 || true
  { docker secret ls -q --filter "label=org.zentoo.site=$site" | xargs -r docker secret rm; } >/dev/null 2>&1 || true
  bash "$nodes" down "$state" 2>/dev/null || true
  docker ps -aq --filter "label=org.zentoo.site=$site" | xargs -r docker rm -f >/dev/null
  docker volume ls -q --filter name=$prefix- | xargs -r docker volume rm -f >/dev/null
  [ -n "${keep:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
keep=${ZENTOO_BENCH_KEEP:-}

bash "$root/it/stage/build-stage.sh" "$work/image" >/dev/null
image=$(cat "$work/image")
install_plugin
write_site swarm "$image"
user=bench
password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
cat > "$work/settings.xml" <<XML
<settings><servers><server>
  <id>bench-binhost</id><username>$user</username><password>$password</password>
</server></servers></settings>
XML

# nginx with WebDAV under /binhost/ on $1:$2, an empty binhost, writes for the user only.
start_nginx() { # address port
  local n=$work/nginx
  mkdir -p "$n/client_body"
  rm -rf "$n/www"
  mkdir -p "$n/www/binhost"
  printf '%s:%s\n' "$user" "$(openssl passwd -apr1 "$password")" > "$n/htpasswd"
  cat > "$n/nginx.conf" <<CONF
user $(id -un);
daemon on;
pid $n/nginx.pid;
worker_processes 1;
error_log $n/error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $n/client_body;
    client_max_body_size 0;
    default_type application/octet-stream;
    server {
        listen $1:$2;
        root $n/www;
        location /binhost/ {
            dav_methods PUT DELETE MKCOL;
            dav_access user:rw group:r all:r;
            limit_except GET HEAD {
                auth_basic "bench";
                auth_basic_user_file $n/htpasswd;
            }
        }
    }
}
CONF
  nginx -p "$n/" -c "$n/nginx.conf" -e "$n/error.log"
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0; sleep 0.1; done
  echo "nginx does not answer on $1:$2: $(cat "$n/error.log")" >&2
  exit 1
}

# Keeps a worker's vfs store bounded. Swarm leaves a finished job's container on its
# node (Exited) after the service is removed, and on vfs each holds a full copy of the
# tree: those of services that are gone are removed (Zentoo has read their logs by then).
# Every input image but the newest goes too once no container uses it (docker rmi
# refuses those in use); the newest keeps the seed's layers, which later ones share.
prune_inputs() { # worker
  local services c service
  while sleep 5; do
    services=$(docker service ls --format '{{.Name}}') || continue
    services=" $(echo $services) "
    docker exec "$1" docker ps -a --filter status=exited \
        --format '{{.ID}} {{.Label "com.docker.swarm.service.name"}}' 2>/dev/null \
      | while read -r c service; do
          [[ "$services" == *" $service "* ]] || docker exec "$1" docker rm "$c" >/dev/null 2>&1 || true
        done
    docker exec "$1" sh -c 'docker images --no-trunc --format "{{.CreatedAt}}|{{.ID}}|{{.Repository}}" \
      | grep "/zentoo-inputs$" | sort -r | tail -n +2 | cut -d"|" -f2 | xargs -r docker rmi >/dev/null 2>&1' || true
  done
}

# The highest "used" of free -m while the run goes on, in MB.
watch_memory() { # file
  local peak=0 used
  while sleep 2; do
    used=$(free -m | awk '/^Mem:/ {print $3}')
    ((used > peak)) && { peak=$used; echo "$peak" > "$1"; }
  done
}

# One run: Swarm up, nginx on its gateway, events recorded, mvn verify, all down again.
# Placement: host (no Swarm job), one (worker 1's node id: known only once it is up) or all.
run() { # name placement
  local name=$1 placement=$2 gw port w out=$work/$1 since flags=()
  mkdir -p "$out"
  bash "$nodes" up "$state" 2> "$out/nodes-up.log"
  gw=$(docker network inspect -f '{{(index .IPAM.Config 0).Gateway}}' zentoo-it-swarm)
  port=$(python3 -c 'import socket,sys; s=socket.socket(); s.bind((sys.argv[1], 0)); print(s.getsockname()[1])' "$gw")
  start_nginx "$gw" "$port"
  case $placement in
    one) flags=(-Dzentoo.swarm.constraints="node.id==$(sed -n 's/^zentoo-it-swarm-node-1=//p' "$state/nodes")") ;;
    all) flags=(-Dzentoo.swarm.constraints=node.role==worker) ;;
  esac
  [ "$placement" = host ] || flags+=(-Dzentoo.swarm=true -Dzentoo.registry="$(cat "$state/registry")")
  rm -f "$work/site/zentoo.lock"
  docker events --format '{{json .}}' > "$out/manager.events" & pids+=($!)
  while IFS== read -r w _; do
    docker exec "$w" docker events --format '{{json .}}' > "$out/$w.events" & pids+=($!)
    [ "$placement" = host ] || { prune_inputs "$w" & pids+=($!); }
  done < "$state/nodes"
  watch_memory "$out/peak-mb" & pids+=($!)
  sleep 1
  echo "[bench] $name: mvn verify ${flags[*]}" >&2
  echo "${flags[*]}" > "$out/flags"
  since=$(date +%s.%N)
  # Bounded: a task Swarm cannot place waits for Zentoo's job timeout (12 h).
  timeout 1800 "$root/mvnw" -B "${repo[@]}" -s "$work/settings.xml" -f "$work/site/pom.xml" verify \
    -Dzentoo.outputDirectory="$out/zentoo" -Dzentoo.store=binhost \
    -Dzentoo.binhost.url="http://$gw:$port/binhost" -Dzentoo.binhost.serverId=bench-binhost \
    "${flags[@]}" > "$out/mvn.log" 2>&1 || { tail -40 "$out/mvn.log" >&2; echo "[bench] $name failed" >&2; exit 1; }
  echo "$(date +%s.%N) $since" | awk '{printf "%.0f\n", $1 - $2}' > "$out/wall"
  sleep 2
  stop_background
  stop_nginx
  cp "$state/nodes" "$out/nodes"
  bash "$nodes" down "$state" 2> "$out/nodes-down.log"
  echo "[bench] $name: $(cat "$out/wall") s, peak memory used $(cat "$out/peak-mb" 2>/dev/null || echo ?) MB" >&2
}

docker volume ls -q --filter name=$prefix- | xargs -r docker volume rm -f >/dev/null
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
run host host
run swarm-1 one
run swarm-2 all

section=$(python3 "$root/bench/swarm-report.py" "$work" host swarm-1 swarm-2)
section=$(cat <<MD

## Swarm mode: the 10-machine site on 1 and 2 worker nodes against one host

\`bench/swarm.sh\` builds and assembles the 10-machine bench site of \`bench/noop.sh\`
(\`mvn verify\`, one binpkg partition, from an empty binhost each time) three times,
the binhost as the store each time: on this host alone, as Swarm jobs on worker 1
only (\`-Dzentoo.swarm.constraints=node.id==<worker 1>\`), and as Swarm jobs on both
workers (\`node.role==worker\`). The Swarm is \`it/swarm/nodes.sh\`'s (this host's
daemon as manager, two Docker-in-Docker workers with the vfs driver on tmpfs, a
registry), brought up afresh before each run; nginx serves the binhost on its
bridge's gateway. It is not a timed test.

Results ($(date -u +%Y-%m-%d), commit \`$(git -C "$root" rev-parse --short HEAD)\`, image \`$image\`, load average before: $load_before):

$section

Machine: \`nproc\` = $(nproc) ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM (\`free -g\`),
$(. /etc/os-release; echo "$PRETTY_NAME"), Docker $(docker version --format '{{.Server.Version}}'); the workers
are containers on this host, so they share its cores and memory with the manager and Maven.
MD
)
echo "$section"
if [ "$append" = yes ]; then
  echo "$section" >> "$root/docs/benchmarks.md"
fi
