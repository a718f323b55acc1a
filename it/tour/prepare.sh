#!/usr/bin/env bash
# The tour's first step (phase initialize): finds or builds the real-Portage test
# stage, then writes the example site's config/ to TARGET/tour/config with SEED
# pinned to the exact tag of that stage.
# Usage: prepare.sh TARGET
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target=$1

echo "[tour] the test stage: Debian bookworm with real Portage 3.0.83, not Gentoo (it/README.md)"
echo "[tour] it is built once (debootstrap, a few minutes) and cached as an image"
bash "$here/../stage/build-stage.sh" "$target/test-stage.image"
stage=$(cat "$target/test-stage.image")

rm -rf "$target/tour/config"
mkdir -p "$target/tour"
cp -r "$here/config" "$target/tour/config"
sed -i "s|@testStage@|$stage|" "$target/tour/config/site.conf"
grep -q "^SEED=\"$stage\"$" "$target/tour/config/site.conf" || { echo "[tour] could not pin SEED in site.conf" >&2; exit 1; }
echo "[tour] site config: $target/tour/config (from it/tour/config, SEED=$stage)"
