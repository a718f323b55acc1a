# zentoo:gc's collection, run by gc.sh with the store locked. Per partition (a
# directory of the store with a Packages index; kernel partitions are left alone):
# keeps every binpkg instance whose sha256 a lock lists or whose file is younger
# than ZENTOO_GC_KEEP_DAYS days, removes the others, then rewrites the Packages
# index as `emaint binhost --fix` does and checks it names exactly the files left.
import hashlib
import os
import subprocess
import sys
import time

STORE = "/var/cache/binpkgs"
keep = set(l.strip() for l in open("/var/tmp/zentoo/gc/keep") if l.strip())
days = int(os.environ.get("ZENTOO_GC_KEEP_DAYS", "0"))
dry = os.environ.get("ZENTOO_GC_DRY_RUN", "false") == "true"
young = time.time() - days * 86400


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def instances(pkgdir):
    for root, dirs, files in os.walk(pkgdir):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".gpkg.tar") or name.endswith(".xpak"):
                yield os.path.join(root, name)


def indexed(pkgdir):
    paths = set()
    with open(os.path.join(pkgdir, "Packages")) as f:
        for line in f:
            if line.startswith("PATH: "):
                paths.add(line[6:].strip())
    return paths


failed = False
for partition in sorted(os.listdir(STORE)):
    pkgdir = os.path.join(STORE, partition)
    if not os.path.isfile(os.path.join(pkgdir, "Packages")):
        continue
    if "-kernel-" in partition:
        print(f"[zentoo] gc {partition}: kernel partition, left as it is", flush=True)
        continue
    kept = [0, 0]
    removed = [0, 0]
    for path in instances(pkgdir):
        st = os.stat(path)
        relative = os.path.relpath(path, pkgdir)
        if sha256(path) in keep:
            kept[0] += 1
            kept[1] += st.st_size
        elif st.st_mtime >= young and days > 0:
            kept[0] += 1
            kept[1] += st.st_size
            print(f"[zentoo] gc {partition}: keeps {relative}: built in the last {days} days", flush=True)
        else:
            removed[0] += 1
            removed[1] += st.st_size
            print(f"[zentoo] gc {partition}: {'would remove' if dry else 'removes'} {relative}", flush=True)
            if not dry:
                os.remove(path)
    if not dry and removed[0] > 0:
        env = dict(os.environ, PKGDIR=pkgdir)
        subprocess.run(["emaint", "binhost", "--fix"], env=env, check=True, stdout=sys.stdout, stderr=sys.stderr)
        for root, dirs, files in os.walk(pkgdir, topdown=False):
            if root != pkgdir and not os.listdir(root):
                os.rmdir(root)
    left = set(os.path.relpath(p, pkgdir) for p in instances(pkgdir))
    if not dry and indexed(pkgdir) != left:
        print(f"[zentoo] gc {partition}: the Packages index does not match the files"
              f" (only indexed: {sorted(indexed(pkgdir) - left)}, only files: {sorted(left - indexed(pkgdir))})",
              flush=True)
        failed = True
    print(f"zentoo-gc-summary {partition} kept {kept[0]} {kept[1]} removed {removed[0]} {removed[1]}", flush=True)
sys.exit(3 if failed else 0)
