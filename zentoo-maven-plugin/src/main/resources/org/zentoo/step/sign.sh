# Sourced by bash in a signing build container before emerge. Zentoo mounted its
# private directory read-only at /run/zentoo/signing: secret.key, public.key,
# trust.sh and, when the key has one, passphrase. gpg gets the passphrase from
# that file through a loopback pinentry (gpg.conf), never from an argument or a
# variable. Portage also checks each gpkg it has just written, so the container
# gets a verification home trusting the site's key alone.
s=/run/zentoo/signing
. "$s/trust.sh"
# A fixed path (the container's /tmp is its own): Portage records the variable in
# each binpkg's environment.bz2, so a random name would make every build differ.
BINPKG_GPG_SIGNING_GPG_HOME=/tmp/zentoo-gnupg
rm -rf "$BINPKG_GPG_SIGNING_GPG_HOME" && mkdir -m 0700 "$BINPKG_GPG_SIGNING_GPG_HOME" || return 70
export BINPKG_GPG_SIGNING_GPG_HOME
export BINPKG_GPG_VERIFY_GPG_HOME=/tmp/zentoo-trust
trap 'gpgconf --homedir "$BINPKG_GPG_SIGNING_GPG_HOME" --kill all 2>/dev/null; rm -rf "$BINPKG_GPG_SIGNING_GPG_HOME"' EXIT
# The default BINPKG_GPG_SIGNING_BASE_COMMAND takes a flock in /run/lock.
mkdir -p /run/lock
{
  echo batch
  echo no-tty
  echo pinentry-mode loopback
  if [ -f "$s/passphrase" ]; then echo "passphrase-file $s/passphrase"; fi
} > "$BINPKG_GPG_SIGNING_GPG_HOME/gpg.conf"
echo allow-loopback-pinentry > "$BINPKG_GPG_SIGNING_GPG_HOME/gpg-agent.conf"
gpg --homedir "$BINPKG_GPG_SIGNING_GPG_HOME" --import "$s/secret.key" >/dev/null 2>&1 ||
  { echo "[zentoo] gpg could not import the binpkg signing key"; return 70; }
zentoo_trust "$BINPKG_GPG_VERIFY_GPG_HOME" "$s/public.key" "$BINPKG_GPG_SIGNING_KEY" "$ZENTOO_SIGNING_TIME" || return 70
echo "[zentoo] signing binpkgs with key $BINPKG_GPG_SIGNING_KEY"
