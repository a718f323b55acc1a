#!/usr/bin/env bash
# Packs the test stage's root filesystem (about 490 MB) several ways and compares:
#   zentoo      StageArchiver with its defaults: what zentoo:assemble writes (this checkout's classes)
#   xz-T0       GNU tar + xz -T0 -6, every core
#   zstd-T0     GNU tar + zstd -T0 (level 3, zstd's default), every core
#   zentoo-xz   StageArchiver at xz preset 6 (zentoo.stage.format=tar.xz), Java encoder
#   zentoo-sys  the same through the host's xz (zentoo.stage.compressor=system)
#   tar-cJf     GNU tar + xz -6, one thread
# Not a test: it prints wall times and sizes for docs/benchmarks.md.
# Needs root (to extract a stage with its owners, devices and xattrs), Docker, GNU tar, xz, a JDK and Maven.
# Usage: bench/pack.sh [IMAGE] [RUNS]
#   IMAGE  default: the tag in it/target/test-stage.image, else zentoo/test-stage:current
#   RUNS   which runs, in order, e.g. "zentoo-sys xz-T0"; default: "zentoo xz-T0 zstd-T0"
# Set IMAGE_FILE to read the tag from another checkout's it/target/test-stage.image.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
image_file=${IMAGE_FILE:-$repo/it/target/test-stage.image}
image=${1:-$(cat "$image_file" 2>/dev/null || echo zentoo/test-stage:current)}
runs=${2:-zentoo xz-T0 zstd-T0}
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
./mvnw -B -q -o -pl zentoo-maven-plugin compile
./mvnw -B -q -o -pl zentoo-maven-plugin dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
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

declare -A files
run() { # name: packs the tree one way into $work/NAME.tar.xz or .tar.zst
    local java=(java -cp "$cp:$work/bench-classes" PackBench "$work/root")
    case $1 in
        zentoo) files[$1]=$work/zentoo.tar.zst; timed zentoo "${java[@]}" "${files[$1]}" default ;;
        zentoo-xz) files[$1]=$work/zentoo-xz.tar.xz; timed zentoo-xz "${java[@]}" "${files[$1]}" "$level" ;;
        zentoo-sys) files[$1]=$work/zentoo-sys.tar.xz; timed zentoo-sys "${java[@]}" "${files[$1]}" "$level" system ;;
        # xz 5.4 compresses on one thread unless told otherwise; XZ_OPT / XZ_DEFAULTS must not change that
        tar-cJf) files[$1]=$work/tar-cJf.tar.xz
            timed tar-cJf env -u XZ_OPT -u XZ_DEFAULTS XZ_OPT=-$level "${gnu_tar[@]}" -cJf "${files[$1]}" . ;;
        xz-T0) files[$1]=$work/xz-T0.tar.xz
            timed xz-T0 env -u XZ_OPT -u XZ_DEFAULTS "${gnu_tar[@]}" -I "xz -T0 -$level" -cf "${files[$1]}" . ;;
        zstd-T0) files[$1]=$work/zstd-T0.tar.zst
            timed zstd-T0 env -u ZSTD_CLEVEL -u ZSTD_NBTHREADS "${gnu_tar[@]}" -I "zstd -T0" -cf "${files[$1]}" . ;;
        *) echo "unknown run $1" >&2; exit 2 ;;
    esac
    case ${files[$1]} in
        *.xz) xz -t "${files[$1]}" ;;
        # zstd -t reads a 128 MiB window without --long, as tar --zstd -x does
        *.zst) zstd -q -t "${files[$1]}" ;;
    esac
    bytes[$1]=$(stat -c %s "${files[$1]}")
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
compare zentoo zstd-T0
compare zstd-T0 xz-T0
compare zentoo-xz xz-T0
compare zentoo-sys xz-T0
compare zentoo tar-cJf
echo "xz: $(xz --version | head -1); zstd: $(zstd --version); java: $(java -version 2>&1 | head -1)"
