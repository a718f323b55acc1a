#!/usr/bin/env bash
# What a user does between the builds of this project (see invoker.properties),
# run as exec:exec@STEP.
set -euo pipefail
case "$1" in
  flag-bad)
    cp zentoo.lock target/lock-1
    # As specific as the retry's own line: only the order of the files makes the locked USE win.
    echo '=app-misc/flagfail-1.0 bad' >> config/sets/flags/package.use
    ;;
  unmask-broken)
    # flagfail as it was locked; app-misc/broken free to move to 1.0, which fails.
    # The next build starts the machine's bug reports afresh: keep this one's.
    cp target/zentoo/logs/lg-last-good.log target/last-good-2.log
    cp -r target/zentoo/bugreports target/bugreports-2
    sed -i '/^=app-misc\/flagfail-1.0 bad$/d' config/sets/flags/package.use
    rm config/machines/lg/package.mask
    ;;
  *) echo "steps.sh: no step $1" >&2; exit 2 ;;
esac
