#!/usr/bin/env bash
# What a user does between the builds of this project (see invoker.properties),
# run as exec:exec@STEP. target/lock-it.env (from setup.groovy) names the test
# stage, the volume prefix, the seed tag and the image the tag moves to.
set -euo pipefail
. target/lock-it.env
git() { command git -c user.name=zentoo-it -c user.email=it@zentoo.invalid "$@"; }
# hello's instance of machine $1 as zentoo.lock pins it.
locked_hello() {
  awk -v m="$1" '$1 == "machine" { in_m = ($2 == m) } in_m && $1 == "package" && $2 ~ /^app-misc\/hello-/ { sub("sha256:", "", $3); print $3 }' zentoo.lock
}
# Asks the binpkg store, mounted read-only in the test stage:
#   store hello-sums       "SHA256 PATH" of every hello instance
#   store metadata SHA256  "BUILD_ID N", "BUILD_TIME T" and "USE …" of the hello instance with that
#                          sha256, from the gpkg's own metadata (GLEP 78: NAME/metadata.tar.*)
store() {
  timeout 120 docker run --rm -v "$PREFIX-binpkgs:/s:ro" "$STAGE" bash -c '
    set -euo pipefail
    case "$1" in
      hello-sums)
        for f in /s/*/app-misc/hello/*.gpkg.tar; do echo "$(sha256sum < "$f" | cut -d" " -f1) ${f#/s/}"; done ;;
      metadata)
        for f in /s/*/app-misc/hello/*.gpkg.tar; do
          [ "$(sha256sum < "$f" | cut -d" " -f1)" = "$2" ] || continue
          meta=$(tar -tf "$f" | grep "/metadata\.tar" | grep -v "\.sig$")
          for key in BUILD_ID BUILD_TIME USE; do
            echo "$key $(tar -xOf "$f" "$meta" | zstd -dcq | tar -xO --wildcards "*/$key" | tr -s " \n" "  " | sed "s/ *$//")"
          done
          exit 0
        done
        echo "no hello instance with sha256 $2" >&2
        exit 1 ;;
    esac' store "$@"
}
case "$1" in
  use-b)
    sha256sum target/zentoo/stages/*.tar.zst > target/stages-a.sha256
    cp zentoo.lock target/lock-a
    git add -A && git commit -qm "A: config and its lock"
    echo 'app-misc/hello greeting l10n_de' > config/sets/greeting/package.use
    ;;
  revert)
    sha256sum target/zentoo/stages/*.tar.zst > target/stages-b.sha256
    cp zentoo.lock target/lock-b
    git add -A && git commit -qm "B: one USE flag more, and its lock"
    git revert --no-edit HEAD
    ;;
  drift)
    cp zentoo.lock target/lock-before-frozen
    echo 'app-misc/hello greeting l10n_fr' > config/sets/greeting/package.use
    ;;
  hide-instance)
    git checkout -q -- config
    sum=$(locked_hello l2)
    echo "$sum" > target/hidden-instance
    cp zentoo.lock target/lock-before-pinned
    # Every hello instance now, to tell the one the next build adds.
    store hello-sums > target/hello-before
    # The partition's index is fixed as after a lost file, so that a build does not
    # reach for the missing one (Portage trusts Packages) but compiles hello again.
    timeout 120 docker run --rm -v "$PREFIX-binpkgs:/s" "$STAGE" bash -c '
      hid=0
      for f in /s/*/app-misc/hello/*.gpkg.tar; do
        if [ "$(sha256sum < "$f" | cut -d" " -f1)" = "$1" ]; then
          mv "$f" "$f.hidden"
          echo "hid $f"
          PKGDIR=${f%%/app-misc/*} emaint binhost --fix > /dev/null
          hid=1
        fi
      done
      [ "$hid" = 1 ]' hide "$sum"
    ;;
  unhide)
    # After a build compiled hello again with l2's USE while its locked instance was
    # hidden: that file comes back beside the newer one, which must have a name of its
    # own, and the index lists both, as a store that was never touched would.
    timeout 120 docker run --rm -v "$PREFIX-binpkgs:/s" "$STAGE" bash -c '
      set -e
      for f in /s/*/app-misc/hello/*.hidden; do
        [ -f "$f" ] || continue
        if [ -e "${f%.hidden}" ]; then echo "the rebuild took the name of the hidden ${f%.hidden}" >&2; exit 1; fi
        mv "$f" "${f%.hidden}"
        PKGDIR=${f%%/app-misc/*} emaint binhost --fix > /dev/null
      done'
    store hello-sums > target/hello-after
    newer=$(LC_ALL=C comm -13 <(cut -d' ' -f1 target/hello-before | LC_ALL=C sort) \
      <(cut -d' ' -f1 target/hello-after | LC_ALL=C sort))
    if [ "$(echo "$newer" | wc -w)" != 1 ]; then
      echo "expected one new hello instance in the store, found: $newer" >&2
      exit 1
    fi
    echo "$newer" > target/newer-instance
    store metadata "$newer" > target/newer-metadata
    store metadata "$(cat target/hidden-instance)" > target/locked-metadata
    ;;
  move-seed)
    cp zentoo.lock target/lock-before-move
    docker image inspect -f '{{.Id}}' "$SEED" > target/seed-id
    timeout 120 docker run --name "$PREFIX-derive" "$SEED" bash -c 'echo "not the locked seed" > /etc/zentoo-moved'
    timeout 120 docker commit --change "LABEL org.zentoo.it=lock" "$PREFIX-derive" "$MOVED" > /dev/null
    timeout 60 docker rm "$PREFIX-derive" > /dev/null
    docker tag "$MOVED" "$SEED"
    docker image inspect -f '{{.Id}}' "$MOVED" > target/moved-id
    ;;
  snapshot-drift)
    cp zentoo.lock target/lock-updated
    # l1's repositories no longer have the locked snapshot digest. With SNAPSHOT=seed
    # the digest is the seed's, which stays pinned, so the lock's digest changes instead.
    sed -i "/^machine l1\$/,/^machine /s/^  snapshot seed .*/  snapshot seed sha256:$(printf '7%.0s' {1..64})/" zentoo.lock
    grep -q "^  snapshot seed sha256:7\{64\}\$" zentoo.lock
    ;;
  break-lock)
    cp target/lock-updated zentoo.lock
    # The first config line loses its hash.
    sed -i '0,/^  config /s/^  config .*/  config sha256:nothex/' zentoo.lock
    ;;
  *)
    echo "unknown step $1" >&2
    exit 2
    ;;
esac
