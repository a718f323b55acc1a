# zentoo_trust HOME KEYFILE FINGERPRINT TIME: a GnuPG home in which the site's
# binpkg signing key is the one trusted key (ownertrust ultimate), laid out as
# getuto leaves /etc/portage/gnupg: Portage's gpkg verification runs gpg as
# nobody (GPG_VERIFY_USER_DROP) and accepts only TRUST_ULTIMATE or TRUST_FULLY.
# gpg runs at the key's creation time, and the keybox header gets that time too,
# so the same key always gives the same bytes.
zentoo_trust() {
  local home=$1 key=$2 fpr=$3 t=$4
  command -v gpg >/dev/null || { echo "[zentoo] gpg is missing in the seed: binpkg signatures cannot be checked"; return 71; }
  rm -rf "$home" && mkdir -p "$home" && chmod 0700 "$home" || return 71
  gpg --homedir "$home" --batch --quiet --faked-system-time "$t!" --import "$key" 2>/dev/null &&
    echo "$fpr:6:" | gpg --homedir "$home" --batch --quiet --faked-system-time "$t!" --import-ownertrust 2>/dev/null &&
    gpg --homedir "$home" --batch --quiet --faked-system-time "$t!" --check-trustdb 2>/dev/null ||
    { echo "[zentoo] gpg could not import the site's public key into $home"; return 71; }
  gpgconf --homedir "$home" --kill all 2>/dev/null || true
  rm -rf "$home"/random_seed "$home"/S.* "$home"/*~ "$home"/.#lk* "$home"/private-keys-v1.d "$home"/crls.d
  # Keybox header: last maintenance and creation time (big-endian seconds at offset 16).
  python3 -c 'import struct, sys
with open(sys.argv[1], "r+b") as f:
    f.seek(16); f.write(struct.pack(">II", int(sys.argv[2]), int(sys.argv[2])))' "$home/pubring.kbx" "$t" || return 71
  chmod -R u=rwX,go=rX "$home"
}
