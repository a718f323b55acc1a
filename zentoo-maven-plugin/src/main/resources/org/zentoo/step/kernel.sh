# zentoo:kernel, run by bash in a build container of the machine. The machine's
# /etc/kernel/config.d fragments are mounted read-only at /etc/kernel.
set -euo pipefail
k="$ZENTOO_KERNEL"
say() { echo "[zentoo] $*"; }

say "dependencies of $k, into the machine's binpkg partition"
PKGDIR="$ZENTOO_PKGDIR" emerge --usepkg --buildpkg --binpkg-respect-use=y --with-bdeps=y \
  --oneshot --onlydeps --color=n --nospinner --verbose "$k"

# Portage tells binpkgs apart by USE, not by /etc/kernel/config.d, so each set of
# fragments gets a PKGDIR of its own: a kernel binpkg is reused only with the
# fragments it was built from.
say "$k itself, into $ZENTOO_KERNEL_PKGDIR"
mkdir -p "$ZENTOO_KERNEL_PKGDIR"
PKGDIR="$ZENTOO_KERNEL_PKGDIR" emerge --usepkg --buildpkg --binpkg-respect-use=y \
  --oneshot --nodeps --color=n --nospinner --verbose "$k"

cpv=$(portageq best_version / "$k")
[ -n "$cpv" ] || { say "$k is not installed after emerge"; exit 4; }
d=/var/db/pkg/$cpv
use=" $(cat "$d/USE") "
flags=()
for f in $(cat "$d/IUSE" 2>/dev/null); do
  f=${f#[+-]}
  case "$use" in *" $f "*) flags+=("$f") ;; *) flags+=("-$f") ;; esac
done
versions=$(ls /lib/modules 2>/dev/null || true)
[ -n "$versions" ] || { say "$cpv installed no /lib/modules/<version>"; exit 5; }

out=/var/tmp/zentoo-kernel
rm -rf "$out"; mkdir -p "$out/lib/modules"
cp -a /boot "$out/boot"
cp -a /lib/modules/. "$out/lib/modules/"
{
  echo "version=$(echo $versions | tr ' ' ',')"
  echo "package=$cpv::$(cat "$d/repository")"
  echo "use=${flags[*]}"
} > "$out/kernel.properties"
say "kernel $versions from $cpv ready"
