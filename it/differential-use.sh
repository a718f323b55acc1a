#!/usr/bin/env bash
# Random stacks of sets against real Portage: renders a generated site of 40
# machines per seed and compares Zentoo's effective USE with `portageq envvar USE`,
# and its USE for app-misc/hello (package.use included) with `emerge -pv`, in the
# test stage. Usage: it/differential-use.sh [seed...]  (needs Docker and
# zentoo/test-stage:current, see it/stage/build-stage.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
image=${ZENTOO_TEST_STAGE:-zentoo/test-stage:current}
mvn -q -o -pl zentoo-maven-plugin test-compile
cp=zentoo-maven-plugin/target/classes:zentoo-maven-plugin/target/test-classes
work=$(mktemp -d /tmp/zentoo-differential.XXXXXX)
trap 'rm -rf "$work"' EXIT
seeds=("$@")
[ ${#seeds[@]} -gt 0 ] || seeds=(1 2 3)
status=0
for seed in "${seeds[@]}"; do
  rm -rf "$work/run" && mkdir -p "$work/run"
  java -cp "$cp" org.zentoo.render.DifferentialUseSite "$work/run" "$seed"
  docker run --rm -v "$work/run/out/machines:/m:ro" "$image" sh -c \
    'for d in $(ls /m); do printf "%s %s\n" "$d" "$(PORTAGE_CONFIGROOT=/m/$d portageq envvar USE)"; done' \
    | sort > "$work/portage.txt"
  # emerge -pv shows USE="colour -greeting" L10N="de -fr": keep the enabled flags.
  docker run --rm -v "$work/run/out/machines:/m:ro" "$image" sh -c \
    'for d in $(ls /m); do printf "%s " "$d"; PORTAGE_CONFIGROOT=/m/$d emerge -pv --nodeps app-misc/hello 2>&1 | grep "app-misc/hello-"; done' \
    | python3 -c '
import re, sys
for line in sys.stdin:
    machine = line.split()[0]
    flags = []
    for var, values in re.findall(r"([A-Z0-9_]+)=\"([^\"]*)\"", line):
        prefix = "" if var == "USE" else var.lower() + "_"
        flags += [prefix + v.rstrip("*%") for v in values.split() if not v.startswith("-") and not v.startswith("(")]
    print(machine, " ".join(sorted(flags)).strip())
' | sed 's/ *$//' | sort > "$work/portage-hello.txt"
  sort "$work/run/expected.txt" > "$work/expected.txt"
  sed 's/ *$//' "$work/run/expected-hello.txt" | sort > "$work/expected-hello.txt"
  if diff -u "$work/expected.txt" "$work/portage.txt" && diff -u "$work/expected-hello.txt" "$work/portage-hello.txt"; then
    echo "seed $seed: $(wc -l < "$work/expected.txt") machines, USE and app-misc/hello's USE: Zentoo and Portage agree"
  else
    echo "seed $seed: Zentoo (-) and Portage (+) disagree" >&2
    status=1
  fi
done
exit $status
