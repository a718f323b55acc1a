# Run by tamper.sh in a container from the test stage (python3, zstd, gpg) with the
# store at /b (read-write) and the project at /site. In the store, as an attacker
# who can write files but has not the site's key would:
#   * m1's app-misc/hello of config's USE: one byte of a file inside image.tar.zst
#     flipped, image.tar.zst packed again, and the Manifest's hashes of it made to
#     match, so that only the Manifest's signature (now stale) gives it away;
#   * m2's app-misc/world: signed again, the Manifest and every detached
#     signature, with another key made here.
# The store's Packages indexes get the new sizes and hashes (and each file keeps
# its mtime), so Portage's digest checks pass and only its signature check can
# refuse them. Prints one "tampered: PATH: WHAT" line per binpkg.
import hashlib
import io
import os
import subprocess
import sys
import tarfile
import tempfile

HASHES = {"BLAKE2B": hashlib.blake2b, "SHA512": hashlib.sha512, "SHA256": hashlib.sha256,
          "SHA1": hashlib.sha1, "MD5": hashlib.md5}


def index_blocks(pkgdir):
    return open(os.path.join(pkgdir, "Packages")).read().split("\n\n")


def fields(block):
    return dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)


def find(pkgdir, cpv, wanted):
    paths = [fields(b)["PATH"] for b in index_blocks(pkgdir)[1:]
             if fields(b).get("CPV") == cpv and wanted(fields(b).get("USE", "").split())]
    if len(paths) != 1:
        sys.exit(f"expected one {cpv} in {pkgdir}/Packages, found {paths}")
    return os.path.join(pkgdir, paths[0])


def read_gpkg(path):
    with open(path, "rb") as f:
        raw = f.read()
    # Keep the container's own tar format: Portage writes ustar or GNU.
    fmt = tarfile.GNU_FORMAT if raw[257:265] == b"ustar  \0" else tarfile.USTAR_FORMAT
    members = []
    with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
        for info in tar.getmembers():
            members.append([info, tar.extractfile(info).read() if info.isfile() else None])
    return fmt, members


def write_gpkg(path, fmt, members):
    st = os.stat(path)
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=fmt) as tar:
        for info, data in members:
            if data is not None:
                info.size = len(data)
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    with open(path, "wb") as f:
        f.write(out.getvalue())
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def member(members, suffix):
    found = [m for m in members if m[0].name.endswith("/" + suffix)]
    if len(found) != 1:
        sys.exit(f"expected one member */{suffix}, found {[m[0].name for m in members]}")
    return found[0]


def data_line(name, data):
    """A Manifest DATA line for a member, with Portage's hash names in sorted order."""
    sums = " ".join(f"{h} {HASHES[h](data).hexdigest()}" for h in ("BLAKE2B", "SHA512"))
    return f"DATA {name} {len(data)} {sums}"


def manifest_body(text):
    """The signed text of a clearsigned Manifest, with dash-escaping undone."""
    lines = text.split("\n")
    start = lines.index("") + 1
    end = lines.index("-----BEGIN PGP SIGNATURE-----")
    return [line[2:] if line.startswith("- ") else line for line in lines[start:end]]


def rewrite_lines(body, members, names):
    out = []
    for line in body:
        parts = line.split()
        if len(parts) > 2 and parts[0] == "DATA" and parts[1] in names:
            out.append(data_line(parts[1], member(members, parts[1])[1]))
        else:
            out.append(line)
    return out


def tamper(path):
    fmt, members = read_gpkg(path)
    image = member(members, "image.tar.zst")
    tar_bytes = subprocess.run(["zstd", "-dcq"], input=image[1], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar_bytes)) as inner:
        target = next(i for i in inner.getmembers() if i.isfile() and i.size > 0)
    changed = bytearray(tar_bytes)
    changed[target.offset_data] ^= 1
    image[1] = subprocess.run(["zstd", "-q", "-c"], input=bytes(changed), capture_output=True, check=True).stdout
    manifest = member(members, "Manifest")
    text = manifest[1].decode()
    if "-----BEGIN PGP SIGNATURE-----" not in text:
        sys.exit(f"{path}: the Manifest is not signed")
    # Only the hash lines change; the old signature block stays, now over other text.
    head, _, tail = text.partition("\n\n")
    signed_part, sep, signature = tail.partition("-----BEGIN PGP SIGNATURE-----")
    body = [line for line in signed_part.split("\n")]
    body = rewrite_lines(body, members, {"image.tar.zst"})
    manifest[1] = (head + "\n\n" + "\n".join(body) + sep + signature).encode()
    write_gpkg(path, fmt, members)
    return f"{target.name} byte 0 flipped (offset {target.offset_data} in image.tar)"


def resign(path, home):
    fmt, members = read_gpkg(path)
    sigs = [m for m in members if m[0].name.endswith(".sig")]
    if not sigs:
        sys.exit(f"{path}: no detached signatures")
    for sig in sigs:
        signed = member(members, os.path.basename(sig[0].name)[:-4])
        sig[1] = subprocess.run(["gpg", "--homedir", home, "--batch", "--armor", "--detach-sign"],
                                input=signed[1], capture_output=True, check=True).stdout
    manifest = member(members, "Manifest")
    body = manifest_body(manifest[1].decode())
    body = rewrite_lines(body, members, {os.path.basename(s[0].name) for s in sigs})
    manifest[1] = subprocess.run(["gpg", "--homedir", home, "--batch", "--clear-sign", "--digest-algo", "SHA512"],
                                 input="\n".join(body).encode(), capture_output=True, check=True).stdout
    write_gpkg(path, fmt, members)
    return f"signed again with {len(sigs)} detached signatures and the Manifest by another key"


def reindex(pkgdir, path):
    rel = os.path.relpath(path, pkgdir)
    data = open(path, "rb").read()
    blocks = index_blocks(pkgdir)
    for n, block in enumerate(blocks):
        if fields(block).get("PATH") != rel:
            continue
        lines = []
        for line in block.split("\n"):
            key = line.split(": ", 1)[0]
            if key == "SIZE":
                line = f"SIZE: {len(data)}"
            elif key in HASHES:
                line = f"{key}: {HASHES[key](data).hexdigest()}"
            lines.append(line)
        blocks[n] = "\n".join(lines)
    with open(os.path.join(pkgdir, "Packages"), "w") as f:
        f.write("\n\n".join(blocks))


def partitions():
    """(m1's, m2's): m1's partition is the one with config-b's hello (l10n_de), which GC keeps."""
    found = sorted(p for p in os.listdir("/b") if os.path.isfile(os.path.join("/b", p, "Packages")))
    m1 = [p for p in found if any(fields(b).get("CPV") == "app-misc/hello-1.0"
                                  and "l10n_de" in fields(b).get("USE", "").split()
                                  for b in index_blocks(os.path.join("/b", p))[1:])]
    if len(found) != 2 or len(m1) != 1:
        sys.exit(f"expected two partitions, one with config-b's hello: {found}, {m1}")
    return os.path.join("/b", m1[0]), os.path.join("/b", next(p for p in found if p != m1[0]))


def other_key():
    home = tempfile.mkdtemp(prefix="other-key.")
    subprocess.run(["gpg", "--homedir", home, "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key",
                    "Not the site <other@zentoo.invalid>", "ed25519", "sign", "1d"], capture_output=True, check=True)
    return home


m1, m2 = partitions()
hello = find(m1, "app-misc/hello-1.0", lambda use: "l10n_de" not in use and "l10n_fr" not in use)
world = find(m2, "app-misc/world-1.0", lambda use: True)
for pkgdir, path, change in [(m1, hello, tamper), (m2, world, lambda p: resign(p, other_key()))]:
    what = change(path)
    reindex(pkgdir, path)
    print(f"tampered: {os.path.relpath(path, pkgdir)}: {what}")
