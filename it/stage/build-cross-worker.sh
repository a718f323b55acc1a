#!/usr/bin/env bash
# Builds the fixture's native cross worker image (Dockerfile.cross-worker: the amd64
# test stage with distcc and Debian's aarch64 cross gcc), the image that
# -Dzentoo.distcc.crossImage names for arm64 test machines. Cached by a hash of the
# test stage and the Dockerfile, like the test stage itself.
# Usage: build-cross-worker.sh [FILE]  -- also writes the exact image tag to FILE.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
export DOCKER_BUILDKIT=0
stage_file=$(mktemp /tmp/zentoo-cross-stage.XXXXXX)
trap 'rm -f "$stage_file"' EXIT
bash "$here/build-stage.sh" "$stage_file" >&2
stage=$(cat "$stage_file")
hash=$( (echo "$stage"; cat "$here/Dockerfile.cross-worker") | sha256sum | cut -c1-16)
image=zentoo/test-cross-worker:$hash
if ! docker image inspect "$image" >/dev/null 2>&1; then
  echo "[cross-worker] building $image from $stage (Debian's gcc-aarch64-linux-gnu and distcc)" >&2
  ctx=$(mktemp -d /tmp/zentoo-cross-ctx.XXXXXX)
  cp "$here/Dockerfile.cross-worker" "$ctx/Dockerfile"
  # The host network: apt needs deb.debian.org, whatever bridge the daemon has.
  docker build -q --network host --build-arg STAGE="$stage" -t "$image" "$ctx" > "$ctx.log" 2>&1 \
    || { tail -20 "$ctx.log" >&2; rm -rf "$ctx"; echo "[cross-worker] ERROR: build failed (log: $ctx.log)" >&2; exit 1; }
  rm -rf "$ctx" "$ctx.log"
fi
if [ $# -ge 1 ]; then
  mkdir -p "$(dirname "$1")"
  echo "$image" > "$1"
fi
echo "[cross-worker] ready: $image" >&2
