# Invocation 7 (exec-maven-plugin): a container that holds the store's lock as a
# build does (a shared flock on .zentoo-store-lock, the same line Builder runs
# before emerge) for 45 s, so that the zentoo:gc runs after it meet a build.
set -euo pipefail
cd "$(dirname "$0")"
prefix=$(sed -n 's/^-Dzentoo.volumePrefix=//p' .mvn/maven.config)
name=$(cat target/hold-name)
docker rm -f "$name" >/dev/null 2>&1 || true
docker run -d --name "$name" --label org.zentoo.it=binhost-signed -v "$prefix-binpkgs:/var/cache/binpkgs" \
  "$(cat target/test-stage-image)" bash -c \
  'exec 9>>/var/cache/binpkgs/.zentoo-store-lock && flock -s 9 && echo holding && sleep 45'
for i in $(seq 1 50); do
  docker logs "$name" 2>&1 | grep -q holding && { echo "the build's lock is held by $name"; exit 0; }
  sleep 0.2
done
echo "the holder did not take the lock" >&2
exit 1
