#!/usr/bin/env bash
# Builds the Zentoo test stage image (real Portage on a Debian minbase root) and
# tags it zentoo/test-stage:current. Both images are cached by a hash of their
# inputs, so a second run does no debootstrap and no Portage build.
# Usage: build-stage.sh [--arch arm64] [FILE]  -- also writes the exact image tag
# to FILE, which tests use instead of :current, so parallel builds of other trees
# cannot swap it. --arch arm64 builds the arm64 stage (zentoo/test-stage-arm64),
# its binaries run under QEMU user emulation (binfmt qemu-aarch64, flag F).
set -euo pipefail

ARCH=amd64
if [ "${1:-}" = --arch ]; then ARCH=${2:?--arch needs amd64 or arm64}; shift 2; fi

here=$(cd "$(dirname "$0")" && pwd)
PORTAGE_VERSION=3.0.83
PORTAGE_SHA256=deac3ae1e03aea1ff09a0e831fa8d06e89bfc49440394b66ed6223338d5f9c4e
PORTAGE_URL=https://files.pythonhosted.org/packages/c3/52/ce69aedf83aee096c098ffc4cc26c882d6ccde6098b53e2e133a6947d05f/portage-${PORTAGE_VERSION}.tar.gz
SUITE=bookworm
# The test kernel sys-kernel/zentoo-test-kernel: Debian's signed 6.1 images, pinned by
# the SHA256 of bookworm's main/binary-{amd64,arm64}/Packages indexes. Every stage
# carries both distfiles, because `ebuild manifest` digests all of SRC_URI.
KERNEL_ABI=6.1.0-50
KERNEL_DEB_VERSION=6.1.176-1
declare -A KERNEL_DEB_SHA256=(
  [amd64]=7b5597492a0a65aee61985a492e6bcc3f2cde830072a0e3b3d8c7e1b90279bd3
  [arm64]=914f75b57a8e165d85fb910c3e2dcc7000a05a9fea3f42f90b26e8dd590d5f06
)
# Per stage architecture: image name suffix, the Docker platform the images are
# labelled with (docker import records the host's Architecture whatever the
# binaries are), the fixture profile and the CHOSTs whose ${CHOST}-gcc the stage has.
case $ARCH in
  amd64) suffix=; chosts="x86_64-pc-linux-gnu x86_64-zentoo-linux-gnu" ;;
  arm64) suffix=-arm64; chosts="aarch64-unknown-linux-gnu" ;;
  *) echo "[test-stage] ERROR: --arch $ARCH: only amd64 and arm64 have a fixture profile" >&2; exit 1 ;;
esac
PLATFORM=linux/$ARCH
PROFILE=default/linux/$ARCH
MIRROR=${ZENTOO_DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${ZENTOO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/zentoo}
export DOCKER_BUILDKIT=0

log() { echo "[test-stage] $*"; }
die() { echo "[test-stage] ERROR: $*" >&2; exit 1; }

docker info >/dev/null 2>&1 || die "no Docker daemon answers at ${DOCKER_HOST:-unix:///var/run/docker.sock}; start one (dockerd &) or set DOCKER_HOST"

hash_of() { (cd "$here" && "$@" | sha256sum | cut -c1-16); }

base_hash=$(hash_of bash -c "cat packages.txt; echo $SUITE $ARCH; sed -n '/^# base-recipe/,/^# end-base-recipe/p' build-stage.sh")
base_image=zentoo/test-base$suffix:$base_hash

# base-recipe
if ! docker image inspect "$base_image" >/dev/null 2>&1; then
  command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap"
  root=$(mktemp -d /tmp/zentoo-stage-root.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  log "debootstrap $SUITE $ARCH minbase into $root"
  debootstrap --arch="$ARCH" --variant=minbase --include="$(paste -sd, "$here/packages.txt")" \
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
    -c "LABEL org.zentoo.test-base=$base_hash" -c "LABEL org.zentoo.platform=$PLATFORM" \
    - "$base_image" >/dev/null
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

kernel_deb() { echo "$cache/linux-image-$KERNEL_ABI-${1}_${KERNEL_DEB_VERSION}_$1.deb"; }
for a in "${!KERNEL_DEB_SHA256[@]}"; do
  deb=$(kernel_deb "$a")
  if ! echo "${KERNEL_DEB_SHA256[$a]}  $deb" | sha256sum -c --status 2>/dev/null; then
    mkdir -p "$cache"
    log "downloading ${deb##*/} from $MIRROR"
    curl -fsSL -o "$deb.part" "$MIRROR/pool/main/l/linux-signed-$a/${deb##*/}" \
      || die "could not download ${deb##*/} from $MIRROR (ZENTOO_DEBIAN_MIRROR may name another mirror, or snapshot.debian.org once bookworm drops it)"
    echo "${KERNEL_DEB_SHA256[$a]}  $deb.part" | sha256sum -c --status || die "${deb##*/} sha256 mismatch"
    mv "$deb.part" "$deb"
  fi
done

stage_hash=$(hash_of bash -c "echo $base_hash $PORTAGE_SHA256 ${KERNEL_DEB_SHA256[*]} $PLATFORM $chosts; find Dockerfile files repo distsrc -type f | LC_ALL=C sort | xargs sha256sum")
stage_image=zentoo/test-stage$suffix:$stage_hash

if ! docker image inspect "$stage_image" >/dev/null 2>&1; then
  ctx=$(mktemp -d /tmp/zentoo-stage-ctx.XXXXXX)
  trap 'rm -rf "$ctx"' EXIT
  cp -r "$here/Dockerfile" "$here/files" "$here/repo" "$ctx/"
  cp "$sdist" "$ctx/"
  # The distfile is generated reproducibly, so its Manifest entry is stable.
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
    -C "$here/distsrc" -cf - hello-1.0 | gzip -n > "$ctx/hello-1.0.tar.gz"
  # The kernels' distfiles: vmlinuz, System.map, config, the module lists and four
  # modules of each Debian package (its other 4900 modules are not needed to boot
  # from an initramfs in QEMU and would add ~300 MB to the image), packed reproducibly.
  for a in "${!KERNEL_DEB_SHA256[@]}"; do
    kv=$KERNEL_ABI-$a
    kx=$(mktemp -d /tmp/zentoo-kernel-deb.XXXXXX)
    m=./lib/modules/$kv
    (cd "$kx" && dpkg-deb --fsys-tarfile "$(kernel_deb "$a")" | tar -x \
       ./boot/vmlinuz-$kv ./boot/System.map-$kv ./boot/config-$kv \
       $m/modules.order $m/modules.builtin $m/modules.builtin.modinfo \
       $m/kernel/drivers/net/dummy.ko $m/kernel/drivers/net/virtio_net.ko \
       $m/kernel/drivers/net/net_failover.ko $m/kernel/net/core/failover.ko) \
      || { rm -rf "$kx"; die "could not unpack $(kernel_deb "$a")"; }
    tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$kx" -cf - boot lib \
      | gzip -n > "$ctx/linux-$kv-debian.tar.gz"
    rm -rf "$kx"
  done
  log "building $stage_image (Portage $PORTAGE_VERSION from sdist, $PLATFORM)"
  docker build -q --build-arg BASE="$base_image" --build-arg PORTAGE_VERSION=$PORTAGE_VERSION \
    --build-arg PLATFORM="$PLATFORM" --build-arg PROFILE="$PROFILE" --build-arg CHOSTS="$chosts" \
    --label org.zentoo.test-stage.inputs=$stage_hash -t "$stage_image" "$ctx" > "$ctx.log" 2>&1 \
    || { tail -30 "$ctx.log" >&2; die "test stage build failed (log: $ctx.log)"; }
  rm -rf "$ctx" "$ctx.log"
  trap - EXIT
fi
docker tag "$stage_image" zentoo/test-stage$suffix:current
if [ $# -ge 1 ]; then
  mkdir -p "$(dirname "$1")"
  echo "$stage_image" > "$1"
fi
log "ready: $stage_image (tagged zentoo/test-stage$suffix:current)"
