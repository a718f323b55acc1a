#!/bin/bash
# Entry of a test Swarm node container. With REGISTRY=<name>:<port> and
# REGISTRY_PORT=<p>, 127.0.0.1:<p> inside the node forwards to the registry
# container, which the host reaches at 127.0.0.1:<p> too: one image reference
# means the same registry on the host and on every node, and every daemon pulls
# from loopback without TLS. dockerd uses vfs: overlayfs does not nest.
set -euo pipefail
if [ -n "${REGISTRY:-}" ]; then
  socat "TCP-LISTEN:${REGISTRY_PORT},bind=127.0.0.1,fork,reuseaddr" "TCP:${REGISTRY}" &
fi
exec dockerd --storage-driver vfs --host unix:///var/run/docker.sock "$@"
