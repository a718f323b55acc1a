#!/usr/bin/env bash
# Builds the Zentoo test stage image (real Portage on a Debian minbase root) and
# tags it zentoo/test-stage:current. Both images are cached by a hash of their
# inputs, so a second run does no debootstrap and no Portage build.
# Usage: build-stage.sh [FILE]  -- also writes the exact image tag to FILE, which
# tests use instead of :current, so parallel builds of other trees cannot swap it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
PORTAGE_VERSION=3.0.83
PORTAGE_SHA256=deac3ae1e03aea1ff09a0e831fa8d06e89bfc49440394b66ed6223338d5f9c4e
PORTAGE_URL=https://files.pythonhosted.org/packages/c3/52/ce69aedf83aee096c098ffc4cc26c882d6ccde6098b53e2e133a6947d05f/portage-${PORTAGE_VERSION}.tar.gz
SUITE=bookworm
# The test kernel sys-kernel/zentoo-test-kernel: Debian's signed 6.1 image, pinned by
# the SHA256 of bookworm's main/binary-amd64/Packages index.
KERNEL_VERSION=6.1.0-50-amd64
KERNEL_DEB=linux-image-${KERNEL_VERSION}_6.1.176-1_amd64.deb
KERNEL_DEB_SHA256=7b5597492a0a65aee61985a492e6bcc3f2cde830072a0e3b3d8c7e1b90279bd3
MIRROR=${ZENTOO_DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${ZENTOO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/zentoo}
export DOCKER_BUILDKIT=0

log() { echo "[test-stage] $*"; }
die() { echo "[test-stage] ERROR: $*" >&2; exit 1; }

docker info >/dev/null 2>&1 || die "no Docker daemon answers at ${DOCKER_HOST:-unix:///var/run/docker.sock}; start one (dockerd &) or set DOCKER_HOST"

hash_of() { (cd "$here" && "$@" | sha256sum | cut -c1-16); }

base_hash=$(hash_of bash -c "cat packages.txt; echo $SUITE; sed -n '/^# base-recipe/,/^# end-base-recipe/p' build-stage.sh")
base_image=zentoo/test-base:$base_hash

# base-recipe
if ! docker image inspect "$base_image" >/dev/null 2>&1; then
  command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap"
  root=$(mktemp -d /tmp/zentoo-stage-root.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  log "debootstrap $SUITE minbase into $root"
  debootstrap --variant=minbase --include="$(paste -sd, "$here/packages.txt")" \
    "$SUITE" "$root" "$MIRROR" > "$root.log" 2>&1 || { tail -20 "$root.log" >&2; die "debootstrap failed (log: $root.log)"; }
  # distcc's own package is kept as a fixture distfile: the stage drops distcc,
  # and the fixture ebuild sys-devel/distcc installs it again through Portage.
  mkdir -p "$root/usr/share/zentoo-test/debs"
  cp "$root"/var/cache/apt/archives/distcc_*.deb "$root/usr/share/zentoo-test/debs/" \
    || die "debootstrap kept no distcc package"
  # The same for systemd: its libraries stay, the fixture ebuild sys-apps/systemd
  # installs systemctl and systemd from this package for systemd machines.
  cp "$root"/var/cache/apt/archives/systemd_*.deb "$root/usr/share/zentoo-test/debs/" \
    || die "debootstrap kept no systemd package"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  log "importing $base_image"
  tar --numeric-owner --xattrs -C "$root" -c . | docker import \
    -c "LABEL org.zentoo.test-base=$base_hash" - "$base_image" >/dev/null
  rm -rf "$root" "$root.log"
  trap - EXIT
fi
# end-base-recipe

sdist=$cache/portage-$PORTAGE_VERSION.tar.gz
if ! echo "$PORTAGE_SHA256  $sdist" | sha256sum -c --status 2>/dev/null; then
  mkdir -p "$cache"
  log "downloading Portage $PORTAGE_VERSION sdist from PyPI"
  curl -fsSL -o "$sdist.part" "$PORTAGE_URL" || die "could not download $PORTAGE_URL"
  echo "$PORTAGE_SHA256  $sdist.part" | sha256sum -c --status || die "Portage sdist sha256 mismatch"
  mv "$sdist.part" "$sdist"
fi

kernel_deb=$cache/$KERNEL_DEB
if ! echo "$KERNEL_DEB_SHA256  $kernel_deb" | sha256sum -c --status 2>/dev/null; then
  mkdir -p "$cache"
  log "downloading $KERNEL_DEB from $MIRROR"
  curl -fsSL -o "$kernel_deb.part" "$MIRROR/pool/main/l/linux-signed-amd64/$KERNEL_DEB" \
    || die "could not download $KERNEL_DEB from $MIRROR (ZENTOO_DEBIAN_MIRROR may name another mirror, or snapshot.debian.org once bookworm drops it)"
  echo "$KERNEL_DEB_SHA256  $kernel_deb.part" | sha256sum -c --status || die "$KERNEL_DEB sha256 mismatch"
  mv "$kernel_deb.part" "$kernel_deb"
fi

stage_hash=$(hash_of bash -c "echo $base_hash $PORTAGE_SHA256 $KERNEL_DEB_SHA256; find Dockerfile files repo distsrc -type f | LC_ALL=C sort | xargs sha256sum")
stage_image=zentoo/test-stage:$stage_hash

if ! docker image inspect "$stage_image" >/dev/null 2>&1; then
  ctx=$(mktemp -d /tmp/zentoo-stage-ctx.XXXXXX)
  trap 'rm -rf "$ctx"' EXIT
  cp -r "$here/Dockerfile" "$here/files" "$here/repo" "$ctx/"
  cp "$sdist" "$ctx/"
  # The distfile is generated reproducibly, so its Manifest entry is stable.
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
    -C "$here/distsrc" -cf - hello-1.0 | gzip -n > "$ctx/hello-1.0.tar.gz"
  # The kernel's distfile: vmlinuz, System.map, config, the module lists and four
  # modules of Debian's package (its other 4900 modules are not needed to boot
  # from an initramfs in QEMU and would add ~300 MB to the image), packed reproducibly.
  kx=$(mktemp -d /tmp/zentoo-kernel-deb.XXXXXX)
  m=./lib/modules/$KERNEL_VERSION
  (cd "$kx" && dpkg-deb --fsys-tarfile "$kernel_deb" | tar -x \
     ./boot/vmlinuz-$KERNEL_VERSION ./boot/System.map-$KERNEL_VERSION ./boot/config-$KERNEL_VERSION \
     $m/modules.order $m/modules.builtin $m/modules.builtin.modinfo \
     $m/kernel/drivers/net/dummy.ko $m/kernel/drivers/net/virtio_net.ko \
     $m/kernel/drivers/net/net_failover.ko $m/kernel/net/core/failover.ko) \
    || { rm -rf "$kx"; die "could not unpack $KERNEL_DEB"; }
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$kx" -cf - boot lib \
    | gzip -n > "$ctx/linux-$KERNEL_VERSION-debian.tar.gz"
  rm -rf "$kx"
  log "building $stage_image (Portage $PORTAGE_VERSION from sdist)"
  docker build -q --build-arg BASE="$base_image" --build-arg PORTAGE_VERSION=$PORTAGE_VERSION \
    --label org.zentoo.test-stage.inputs=$stage_hash -t "$stage_image" "$ctx" > "$ctx.log" 2>&1 \
    || { tail -30 "$ctx.log" >&2; die "test stage build failed (log: $ctx.log)"; }
  rm -rf "$ctx" "$ctx.log"
  trap - EXIT
fi
docker tag "$stage_image" zentoo/test-stage:current
if [ $# -ge 1 ]; then
  mkdir -p "$(dirname "$1")"
  echo "$stage_image" > "$1"
fi
log "ready: $stage_image (tagged zentoo/test-stage:current)"
