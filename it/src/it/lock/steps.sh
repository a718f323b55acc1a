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
    timeout 120 docker run --rm -v "$PREFIX-binpkgs:/s" "$STAGE" bash -c '
      hid=0
      for f in /s/*/app-misc/hello/*.gpkg.tar; do
        if [ "$(sha256sum < "$f" | cut -d" " -f1)" = "$1" ]; then mv "$f" "$f.hidden"; echo "hid $f"; hid=1; fi
      done
      [ "$hid" = 1 ]' hide "$sum"
    ;;
  move-seed)
    timeout 120 docker run --rm -v "$PREFIX-binpkgs:/s" "$STAGE" bash -c '
      for f in /s/*/app-misc/hello/*.hidden; do [ -f "$f" ] && mv "$f" "${f%.hidden}"; done; true'
    cp zentoo.lock target/lock-before-move
    timeout 120 docker run --name "$PREFIX-derive" "$STAGE" bash -c 'echo "not the locked seed" > /etc/zentoo-moved'
    timeout 120 docker commit --change "LABEL org.zentoo.it=lock" "$PREFIX-derive" "$MOVED" > /dev/null
    timeout 60 docker rm "$PREFIX-derive" > /dev/null
    docker tag "$MOVED" "$SEED"
    docker image inspect -f '{{.Id}}' "$MOVED" > target/moved-id
    docker image inspect -f '{{.Id}}' "$STAGE" > target/stage-id
    ;;
  break-lock)
    cp zentoo.lock target/lock-before-break
    # The first config line loses its hash.
    sed -i '0,/^  config /s/^  config .*/  config sha256:nothex/' zentoo.lock
    ;;
  *)
    echo "unknown step $1" >&2
    exit 2
    ;;
esac
