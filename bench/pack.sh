#!/usr/bin/env bash
# Packs the test stage's root filesystem (about 450 MB) three ways and compares:
#   zentoo      StageArchiver at xz preset 6, on every core (this checkout's classes)
#   tar -cJf    GNU tar + xz -6, one thread
#   xz -T0      GNU tar + xz -T0 -6, every core
#   zentoo-sys  StageArchiver with the opt-in system xz (zentoo.pack.compressor=system)
# Not a test: it prints wall times and sizes for docs/benchmarks.md.
# Needs root (to extract a stage with its owners, devices and xattrs), Docker, GNU tar, xz, a JDK and Maven.
# Usage: bench/pack.sh [IMAGE] [RUNS]
#   IMAGE  default: the tag in it/target/test-stage.image, else zentoo/test-stage:current
#   RUNS   which runs, in order, e.g. "zentoo-sys xz-T0"; default: all four
# Set IMAGE_FILE to read the tag from another checkout's it/target/test-stage.image.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
image_file=${IMAGE_FILE:-$repo/it/target/test-stage.image}
image=${1:-$(cat "$image_file" 2>/dev/null || echo zentoo/test-stage:current)}
runs=${2:-zentoo tar-cJf xz-T0 zentoo-sys}
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

run() { # name: packs the tree one way into $work/NAME.tar.xz
    case $1 in
        zentoo) timed zentoo java -cp "$cp:$work/bench-classes" PackBench "$work/root" "$work/zentoo.tar.xz" "$level" ;;
        zentoo-sys) timed zentoo-sys java -cp "$cp:$work/bench-classes" PackBench "$work/root" "$work/zentoo-sys.tar.xz" "$level" system ;;
        # xz 5.4 compresses on one thread unless told otherwise; XZ_OPT / XZ_DEFAULTS must not change that
        tar-cJf) timed tar-cJf env -u XZ_OPT -u XZ_DEFAULTS XZ_OPT=-$level "${gnu_tar[@]}" -cJf "$work/tar-cJf.tar.xz" . ;;
        xz-T0) timed xz-T0 env -u XZ_OPT -u XZ_DEFAULTS "${gnu_tar[@]}" -I "xz -T0 -$level" -cf "$work/xz-T0.tar.xz" . ;;
        *) echo "unknown run $1" >&2; exit 2 ;;
    esac
    xz -t "$work/$1.tar.xz"
    bytes[$1]=$(stat -c %s "$work/$1.tar.xz")
    echo "$1: ${seconds[$1]} s, ${bytes[$1]} bytes, load $(cut -d' ' -f1-3 /proc/loadavg)"
}
for name in $runs; do
    run "$name"
done

compare() { # a b: time ratio and size difference of run a against run b
    [ -n "${seconds[$1]:-}" ] && [ -n "${seconds[$2]:-}" ] || return 0
    echo "$1 / $2: time ratio $(echo "scale=2; ${seconds[$1]} / ${seconds[$2]}" | bc)," \
        "size $(echo "scale=2; (${bytes[$1]} - ${bytes[$2]}) * 100 / ${bytes[$2]}" | bc) %"
}

echo
echo "tree: $raw bytes (apparent), $(find "$work/root" | wc -l) paths; nproc $(nproc); load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %10s %14s\n' run wall_s bytes
for name in $runs; do
    printf '%-10s %10.1f %14d\n' "$name" "${seconds[$name]}" "${bytes[$name]}"
done
compare zentoo xz-T0
compare zentoo tar-cJf
compare zentoo-sys xz-T0
echo "xz: $(xz --version | head -1); java: $(java -version 2>&1 | head -1)"
