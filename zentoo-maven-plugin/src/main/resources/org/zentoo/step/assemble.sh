# zentoo:assemble, run by bash inside a fresh container from the machine's seed.
# Zentoo copied the rendered root to /var/tmp/zentoo/root, the stacked overlay to
# /var/tmp/zentoo/overlay and the services list to /var/tmp/zentoo/services.
# The binpkg store and the repositories are mounted read-only. With zentoo.lock,
# /var/tmp/zentoo/locked lists the binpkg instances to install, one
# "cat/pf::repo sha256:HEX" per line (see "Locked instances" below).
set -euo pipefail
z=/var/tmp/zentoo
store=$PKGDIR

say() { echo "[zentoo] $*"; }

if [ -n "${ZENTOO_STORE_URL:-}" ]; then
  # The store is the binhost: Portage fetches into a private PKGDIR, and this task
  # holds no credentials that could write a partition (only the staging ones).
  mkdir -p "$store"
  say "binpkg store is the binhost $ZENTOO_STORE_URL (emerge --getbinpkgonly; no write credentials here)"
else
# Promise 3: made from binaries alone with the store read-only. Prove the
# mount really refuses writes before trusting anything installed from it.
if touch "$store/.zentoo-write-probe" 2>/dev/null; then
  rm -f "$store/.zentoo-write-probe"
  say "the binpkg store is writable here; refusing to assemble"
  exit 6
fi
say "binpkg store mounted read-only (checked): $store"
fi

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


# Locked instances. With binpkg-multi-instance, emerge --usepkgonly takes the
# instance with the newest BUILD_TIME among those that match (the order of
# the index among equal ones), whatever zentoo.lock says. So
# a private PKGDIR gets copies of exactly the locked instance files, found in the
# store by their SHA-256 (Portage skips symlinked binpkgs, hence copies), with
# its own index, and emerge sees nothing else. A locked package that the seed
# already carries is pinned by its vdb CONTENTS instead (see "Recording").
if [ -s "$z/locked" ]; then
  say "installing exactly the locked binpkg instances (zentoo.lock)"
  if [ -n "${ZENTOO_STORE_URL:-}" ]; then
    # From the binhost: the locked versions' instances into the private store first;
    # emerge then reads the locked copies alone, never the binhost.
    python3 "$ZENTOO_STORE_HELPER" fetch-locked "$ZENTOO_STORE_URL" "$store" "$z/locked"
    ZENTOO_EMERGE=${ZENTOO_EMERGE/ --getbinpkgonly/}
    unset PORTAGE_BINHOST
  fi
  priv=$z/pkgdir
  mkdir -p "$priv"
  missing=0
  while read -r name sum; do
    cpvr=${name%%::*}; cat=${cpvr%%/*}; pf=${cpvr#*/}; sum=${sum#sha256:}
    found=
    for f in "$store/$cat"/*/"$pf"-[0-9]*.gpkg.tar "$store/$cat"/*/"$pf"-[0-9]*.xpak; do
      [ -f "$f" ] || continue
      if [ "$(sha256sum < "$f" | cut -d' ' -f1)" = "$sum" ]; then found=$f; break; fi
    done
    if [ -n "$found" ]; then
      rel=${found#"$store"/}
      mkdir -p "$priv/$(dirname "$rel")"
      cp "$found" "$priv/$rel"
    elif [ -d "/var/db/pkg/$cpvr" ] && [ "$(sha256sum < "/var/db/pkg/$cpvr/CONTENTS" | cut -d' ' -f1)" = "$sum" ]; then
      say "locked $name comes with the seed"
    else
      say "locked instance missing: $name sha256:$sum"
      missing=1
    fi
  done < "$z/locked"
  if [ "$missing" -ne 0 ]; then
    say "a locked binpkg instance is not in the store; it is never replaced by another build of the same version"
    exit 7
  fi
  # No bytecode: emaint's modules would leave __pycache__ in the stage.
  # The copies are the store's own files; their signatures are checked when emerge installs them.
  FEATURES="${FEATURES:-} -binpkg-request-signature" PYTHONDONTWRITEBYTECODE=1 PKGDIR=$priv emaint binhost --fix >/dev/null
  export PKGDIR=$priv
fi

# Which vdb entries the seed brought: Portage gives every merge a new COUNTER.
for d in /var/db/pkg/*/*/; do
  [ -f "$d/PF" ] || continue
  echo "$(basename "$(dirname "$d")")/$(cat "$d/PF") $(cat "$d/COUNTER" 2>/dev/null)"
done > "$z/seed-vdb"

# Python writes bytecode for the modules emerge imports that lack it, and which
# modules those are depends on where binpkgs come from (a binhost's code imports
# portage.util.time). So what Python writes from here on is removed again, and the
# __pycache__ directories get their seed mtimes back (see "removing caches").
find / -xdev -type d -name __pycache__ -printf '%T@\t%p\n' > "$z/pycache-dirs" 2>/dev/null || true
touch "$z/emerge-started"

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
    # A line without a runlevel reads "NAME # origin": the comment is no runlevel.
    case "$level" in '#'*) level= ;; esac
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
# The stage says what it was made from: its seed's digest here (what zentoo.lock
# pins; not the tag, which may have moved since), its config in /etc/portage.
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

# Recording, for zentoo.lock: the SHA-256 of the binpkg instance file each
# package was merged from. The vdb keeps its BUILD_ID, and with
# binpkg-multi-instance the file is <store>/<cat>/<pn>/<pf>-<BUILD_ID>.gpkg.tar
# (.xpak for the old format). It is looked up in the read-only store, never in
# the private PKGDIR: that one holds only what the lock asked for, so a hash
# taken there could only agree with the lock. A package this assembly did not
# merge came with the seed, which the lock pins by digest; it is recorded by the
# SHA-256 of its vdb CONTENTS (every file's md5 and mtime). The list stays in the
# stage, which then says what it was made from; the same instances give the same bytes.
for d in /var/db/pkg/*/*/; do
  [ -f "$d/PF" ] || continue
  cat=$(basename "$(dirname "$d")")
  pf=$(cat "$d/PF")
  repo=$(cat "$d/repository" 2>/dev/null || echo unknown)
  if grep -qxF "$cat/$pf $(cat "$d/COUNTER" 2>/dev/null)" "$z/seed-vdb"; then
    sum=$(sha256sum < "$d/CONTENTS" | cut -d' ' -f1)
  else
    bid=$(cat "$d/BUILD_ID" 2>/dev/null || true)
    file=
    for f in "$store/$cat"/*/"$pf-$bid".gpkg.tar "$store/$cat"/*/"$pf-$bid".xpak; do
      if [ -n "$bid" ] && [ -f "$f" ]; then file=$f; break; fi
    done
    if [ -z "$file" ]; then
      say "cannot find the binpkg instance $cat/$pf was merged from (BUILD_ID '$bid') in the store $store" >&2
      exit 8
    fi
    sum=$(sha256sum < "$file" | cut -d' ' -f1)
  fi
  echo "$cat/$pf::$repo sha256:$sum"
done | LC_ALL=C sort > /var/lib/zentoo/instances

# The installed instances against the lock's own lines (not against what was
# copied into the private PKGDIR): a package emerge took from anywhere else, or
# any BUILD_ID but the locked file's, shows here.
if [ -s "$z/locked" ]; then
  if ! diff <(LC_ALL=C sort "$z/locked") /var/lib/zentoo/instances > "$z/lock-diff"; then
    sed -n 's/^< /[zentoo] locked, not installed: /p; s/^> /[zentoo] installed, not locked: /p' "$z/lock-diff"
    say "the installed packages differ from zentoo.lock"
    exit 9
  fi
  say "every installed package is the locked instance"
fi

say "removing caches and build leftovers"
find / -xdev -path '*/__pycache__/*.pyc' -newer "$z/emerge-started" -delete 2>/dev/null || true
find / -xdev -type d -name __pycache__ -empty -newer "$z/emerge-started" -delete 2>/dev/null || true
while IFS=$'\t' read -r mtime dir; do
  if [ -d "$dir" ]; then touch -m -d "@$mtime" "$dir"; fi
done < "$z/pycache-dirs"
# Portage writes a package's CONTENTS in the order the filesystem lists its image
# (hash order on ext4, creation order on tmpfs), so the same binpkg gives another
# CONTENTS on another node. Portage reads CONTENTS into a map: sorted, it says the same.
find /var/db/pkg -mindepth 3 -maxdepth 3 -name CONTENTS -newer "$z/emerge-started" \
  -exec sh -c 'for f; do LC_ALL=C sort -o "$f" "$f"; done' sh {} +
# Portage's per-package metadata cache records each vdb directory's mtime in
# nanoseconds; clamped mtimes in the tarball make it stale anyway, and it would
# make two identical assemblies differ. Portage reads the plain files instead.
rm -f /var/db/pkg/*/*/metadata /var/cache/edb/vdb_metadata.pickle
# ldconfig's aux-cache keys libraries by device, inode and ctime, which differ
# between two containers; ldconfig rebuilds it on its next run.
rm -f /var/cache/ldconfig/aux-cache
# /var/cache/edb/binhost: Portage's copy of the binhost's index, when the store is the binhost.
rm -rf "$z" /var/tmp/portage/* /var/cache/distfiles/* /var/cache/edb/mtimedb /var/cache/edb/dep /var/cache/edb/binhost \
  /var/log/emerge.log /var/log/emerge-fetch.log /var/log/portage /root/.bash_history /tmp/* 2>/dev/null || true
say "assembled"
