# Zentoo bug report collector: runs in a failed build's container before it is
# removed, as the build's failure path. Every package whose build failed left its
# build directory in PORTAGE_TMPDIR (emerge --keep-going may leave several); for
# each, it writes what only this container can give into the report directory
# Zentoo bind-mounted at $ZENTOO_BUGREPORTS: exactly the files named below, never
# anything from /run/zentoo (the signing key) or the rest of the container.
zentoo_bugreports() {
  local tmp log temp pdir pf cat cpv dir repo path
  tmp=$(portageq envvar PORTAGE_TMPDIR 2>/dev/null); tmp=${tmp:-/var/tmp}
  for log in "$tmp"/portage/*/*/temp/build.log; do
    [ -f "$log" ] || continue
    temp=${log%/build.log}; pdir=${temp%/temp}; pf=${pdir##*/}; cat=${pdir%/*}; cat=${cat##*/}
    cpv="$cat/$pf"; dir="$ZENTOO_BUGREPORTS/$cat/$pf"
    mkdir -p "$dir" || continue
    echo "[zentoo] collecting a bug report for $cpv"
    cp "$log" "$dir/build.log"
    [ -f "$temp/environment" ] && cp "$temp/environment" "$dir/environment"
    emerge --info "=$cpv" > "$dir/emerge-info.txt" 2>&1
    emerge -pqv "=$cpv" > "$dir/emerge-pqv.txt" 2>&1
    repo=$(sed -e 's/\x1b\[[0-9;]*m//g' -n -e 's/^ \* Repository: *//p' "$log" | head -n 1)
    path=$(portageq get_repo_path / "${repo:-gentoo}" 2>/dev/null)
    for ebuild in "$path/$cat"/*/"$pf.ebuild"; do
      [ -f "$ebuild" ] && cp "$ebuild" "$dir/ebuild"
    done
    ZENTOO_EXPLAIN_ATOMS="=$cpv" zentoo_explain > "$dir/explain.out" 2>/dev/null
    sed -n '/^\[zentoo-explain-json\]$/{n;p;}' "$dir/explain.out" > "$dir/explain-portage.json"
    rm -f "$dir/explain.out"
  done
  chmod -R u+rwX,go+rX "$ZENTOO_BUGREPORTS"
  [ -n "$ZENTOO_BUGREPORTS_OWNER" ] && chown -R "$ZENTOO_BUGREPORTS_OWNER" "$ZENTOO_BUGREPORTS"
  return 0
}
