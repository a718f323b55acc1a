# Invocation 6 (exec-maven-plugin): the locks of two sites from the store, by write-locks.py.
set -euo pipefail
cd "$(dirname "$0")"
prefix=$(sed -n 's/^-Dzentoo.volumePrefix=//p' .mvn/maven.config)
docker run --rm --label org.zentoo.it=binhost-signed -v "$prefix-binpkgs:/b:ro" -v "$PWD:/site" \
  "$(cat target/test-stage-image)" python3 /site/write-locks.py
cat zentoo.lock other.lock
