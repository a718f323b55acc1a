# zentoo:assemble, run by bash inside a fresh container from the machine's seed.
# Zentoo copied the rendered root to /var/tmp/zentoo/root, the stacked overlay to
# /var/tmp/zentoo/overlay and the services list to /var/tmp/zentoo/services.
# The binpkg store and the repositories are mounted read-only.
set -euo pipefail
z=/var/tmp/zentoo

say() { echo "[zentoo] $*"; }

# Promise 3: made from binaries alone with the store read-only. Prove the
# mount really refuses writes before trusting anything installed from it.
if touch "$PKGDIR/.zentoo-write-probe" 2>/dev/null; then
  rm -f "$PKGDIR/.zentoo-write-probe"
  say "the binpkg store is writable here; refusing to assemble"
  exit 6
fi
say "binpkg store is read-only: a write to $PKGDIR was refused"

say "installing the rendered configuration"
rm -rf /etc/portage
cp -a "$z/root/." /

if [ -f "$z/site-key.asc" ]; then
  . "$z/trust.sh"
  zentoo_trust /etc/portage/gnupg "$z/site-key.asc" "$ZENTOO_SIGNING_KEY" "$ZENTOO_SIGNING_TIME"
  say "binpkg signatures are required (FEATURES=binpkg-request-signature); the one trusted key in /etc/portage/gnupg is the site's, $ZENTOO_SIGNING_KEY"
else
  say "binpkg signatures are not checked: the site has no signing key (zentoo.binpkg.signingKey)"
fi
if [ -n "${ZENTOO_BINHOST:-}" ]; then
  mkdir -p /etc/portage/binrepos.conf
  cat > /etc/portage/binrepos.conf/zentoo.conf <<BINREPO
# Written by zentoo:assemble: this machine's binpkg partition on the site's binhost
# (zentoo:binhost publishes it). Only binaries built for this machine's build ABI are there.
[zentoo]
priority = 9999
sync-uri = $ZENTOO_BINHOST
verify-signature = true
BINREPO
  say "binrepos.conf: zentoo.conf points at $ZENTOO_BINHOST (verify-signature = true)"
fi

say "$ZENTOO_EMERGE"
set +e
$ZENTOO_EMERGE 2>&1 | tee "$z/emerge.log"
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" -ne 0 ]; then
  # Portage names a USE mismatch but not the USE it wanted: ask it, from the ebuild.
  sed -n 's/^- \([^ ]*\) (masked by: use flag configuration mismatch)$/\1/p' "$z/emerge.log" | sort -u |
  while read -r cpv; do
    emerge --pretend --verbose --nodeps --usepkg=n --color=n "=$cpv" 2>/dev/null | grep '^\[ebuild' |
      sed 's/^/[zentoo] needed: /' || true
  done
  say "emerge failed with exit code $rc"
  exit "$rc"
fi

if [ -d "$z/overlay" ]; then
  say "applying overlay files"
  cp -a "$z/overlay/." /
fi

if [ -s "$z/services" ]; then
  if [ -x /usr/lib/systemd/systemd ] || [ -x /lib/systemd/systemd ]; then
    init=systemd
  elif command -v rc-update >/dev/null; then
    init=openrc
  else
    say "services are listed, but the stage has neither systemd nor OpenRC's rc-update"
    exit 3
  fi
  while read -r name level _; do
    case "$name" in ''|'#'*) continue ;; esac
    if [ "$init" = systemd ]; then
      say "systemctl enable $name"
      systemctl enable "$name"
    else
      say "rc-update add $name ${level:-default}"
      rc-update add "$name" "${level:-default}"
    fi
  done < "$z/services"
fi

say "recording installed packages"
mkdir -p /var/lib/zentoo
# The stage says what it was made from: its seed here, its config in /etc/portage.
echo "$ZENTOO_SEED" > /var/lib/zentoo/seed
for d in /var/db/pkg/*/*/; do
  [ -f "$d/PF" ] || continue
  cat=$(basename "$(dirname "$d")")
  repo=$(cat "$d/repository" 2>/dev/null || echo unknown)
  use=" $(cat "$d/USE" 2>/dev/null) "
  flags=()
  for f in $(cat "$d/IUSE" 2>/dev/null); do
    f=${f#[+-]}
    case "$use" in *" $f "*) flags+=("$f") ;; *) flags+=("-$f") ;; esac
  done
  echo "$cat/$(cat "$d/PF")::$repo USE=\"${flags[*]}\""
done | LC_ALL=C sort > /var/lib/zentoo/packages.txt

say "removing caches and build leftovers"
# Portage's per-package metadata cache records each vdb directory's mtime in
# nanoseconds; clamped mtimes in the tarball make it stale anyway, and it would
# make two identical assemblies differ. Portage reads the plain files instead.
rm -f /var/db/pkg/*/*/metadata /var/cache/edb/vdb_metadata.pickle
# ldconfig's aux-cache keys libraries by device, inode and ctime, which differ
# between two containers; ldconfig rebuilds it on its next run.
rm -f /var/cache/ldconfig/aux-cache
rm -rf "$z" /var/tmp/portage/* /var/cache/distfiles/* /var/cache/edb/mtimedb /var/cache/edb/dep \
  /var/log/emerge.log /var/log/emerge-fetch.log /var/log/portage /root/.bash_history /tmp/* 2>/dev/null || true
say "assembled"
