#!/usr/bin/env bash
# Packs the test stage's root filesystem (about 450 MB) three ways and compares:
#   zentoo      StageArchiver at xz preset 6, on every core (this checkout's classes)
#   tar -cJf    GNU tar + xz -6, one thread
#   xz -T0      GNU tar + xz -T0 -6, every core
# Not a test: it prints wall times and sizes for docs/benchmarks.md.
# Needs root (to extract a stage with its owners, devices and xattrs), Docker, GNU tar, xz, a JDK and Maven.
# Usage: bench/pack.sh [IMAGE]   (default: the tag in it/target/test-stage.image, else zentoo/test-stage:current)
# Set IMAGE_FILE to read the tag from another checkout's it/target/test-stage.image.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
image_file=${IMAGE_FILE:-$repo/it/target/test-stage.image}
image=${1:-$(cat "$image_file" 2>/dev/null || echo zentoo/test-stage:current)}
level=6
work=$(mktemp -d /tmp/zentoo-pack-bench.XXXXXX)
container=
cleanup() {
    [ -n "$container" ] && docker rm -f "$container" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "image: $image"
container=$(docker create "$image" /bin/true)
mkdir "$work/root"
# as the pipeline sees a stage: everything, with numeric owners and every xattr
docker export "$container" | tar -C "$work/root" --xattrs --xattrs-include='*' --numeric-owner -xpf -
docker rm -f "$container" >/dev/null
container=

cd "$repo"
mvn -q -o -pl zentoo-maven-plugin compile
mvn -q -o -pl zentoo-maven-plugin dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="$repo/zentoo-maven-plugin/target/classes:$(cat "$work/cp.txt")"
mkdir "$work/bench-classes"
javac -d "$work/bench-classes" -cp "$cp" "$repo/bench/PackBench.java"

# every contender reads the tree from the page cache
tar -C "$work/root" -cf - . | cat >/dev/null
raw=$(du -sb --apparent-size "$work/root" | cut -f1)

gnu_tar=(tar -C "$work/root" --format=posix --xattrs --xattrs-include='*' --numeric-owner --sort=name)
declare -A seconds bytes
timed() { # name, command...
    local name=$1 start end
    shift
    start=$(date +%s.%N)
    "$@"
    end=$(date +%s.%N)
    seconds[$name]=$(echo "$end - $start" | bc)
}

timed zentoo java -cp "$cp:$work/bench-classes" PackBench "$work/root" "$work/zentoo.tar.xz" "$level"
bytes[zentoo]=$(stat -c %s "$work/zentoo.tar.xz")
xz -t "$work/zentoo.tar.xz"

# xz 5.4 compresses on one thread unless told otherwise; XZ_OPT / XZ_DEFAULTS must not change that
timed tar-cJf env -u XZ_OPT -u XZ_DEFAULTS XZ_OPT=-$level "${gnu_tar[@]}" -cJf "$work/gnu.tar.xz" .
bytes[tar-cJf]=$(stat -c %s "$work/gnu.tar.xz")

timed xz-T0 env -u XZ_OPT -u XZ_DEFAULTS "${gnu_tar[@]}" -I "xz -T0 -$level" -cf "$work/gnu-mt.tar.xz" .
bytes[xz-T0]=$(stat -c %s "$work/gnu-mt.tar.xz")

echo
echo "tree: $raw bytes (apparent), $(find "$work/root" | wc -l) paths; nproc $(nproc); load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %10s %14s\n' run wall_s bytes
for name in zentoo tar-cJf xz-T0; do
    printf '%-10s %10.1f %14d\n' "$name" "${seconds[$name]}" "${bytes[$name]}"
done
echo "time ratio zentoo / (tar + xz -T0): $(echo "scale=2; ${seconds[zentoo]} / ${seconds[xz-T0]}" | bc)"
echo "size zentoo vs (tar + xz -T0):    $(echo "scale=2; (${bytes[zentoo]} - ${bytes[xz-T0]}) * 100 / ${bytes[xz-T0]}" | bc) %"
echo "size zentoo vs tar -cJf:          $(echo "scale=2; (${bytes[zentoo]} - ${bytes[tar-cJf]}) * 100 / ${bytes[tar-cJf]}" | bc) %"
