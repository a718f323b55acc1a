# Invocation 14 (exec-maven-plugin): tamper-gpkg.py changes two signed binpkgs in the
# store. zentoo.lock pins instances by SHA-256, which would refuse the changed files
# before any signature is read: it is set aside, so the next assembly picks by USE.
set -euo pipefail
cd "$(dirname "$0")"
prefix=$(sed -n 's/^-Dzentoo.volumePrefix=//p' .mvn/maven.config)
if [ -f zentoo.lock ]; then mv zentoo.lock zentoo.lock.before-tamper; fi
docker run --rm --label org.zentoo.it=binhost-signed -v "$prefix-binpkgs:/b" -v "$PWD:/site:ro" \
  "$(cat target/test-stage-image)" python3 /site/tamper-gpkg.py
