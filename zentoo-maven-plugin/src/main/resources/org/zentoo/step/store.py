# Zentoo's binhost store, run by python3 inside a build or assembly container
# (Portage needs Python, so every seed has it; curl and wget are not certain).
# A task that stores into the binhost cannot leave files for Zentoo to pick up:
# on another node nothing reaches its filesystem. So the task itself fetches,
# uploads and stages, with this helper and nothing else.
#
#   store.py fetch URI DEST        binrepos.conf's fetchcommand: Portage fetches the
#                                  partition's Packages and binpkgs through it
#   store.py exists URL            exit 0 when the server has it, 3 when it answers 404
#   store.py upload PKGDIR URL     after the build: the instances the remote index
#                                  lacks, then the merged Packages, last
#   store.py plan REMOTE LOCAL     what upload would send, in its order (no network)
#   store.py fetch-locked URL PKGDIR LOCKED
#                                  every instance of the versions zentoo.lock pins
#                                  (assemble.sh then picks the locked ones by SHA-256)
#   store.py stage URL             PUT of standard input (an assembled root's tar)
#   store.py delete URL            DELETE (a staged root Zentoo has packed)
#
# Credentials are a file, "user:password" on its first line, never an argument or
# a variable's value: $ZENTOO_STORE_CREDENTIALS names the file (a Docker secret under
# /run/secrets on Swarm). Without the file, requests go without credentials.
import base64
import os
import sys
import urllib.error
import urllib.request

INDEX = "Packages"
CHUNK = 1 << 20


def fail(message):
    print("[zentoo] store: " + message, file=sys.stderr)
    sys.exit(1)


def authorization():
    path = os.environ.get("ZENTOO_STORE_CREDENTIALS", "")
    if not path or not os.path.isfile(path):
        return None
    with open(path, "rb") as f:
        line = f.readline().rstrip(b"\r\n")
    return "Basic " + base64.b64encode(line).decode("ascii")


def request(method, url, body=None, length=None):
    req = urllib.request.Request(url, data=body, method=method)
    auth = authorization()
    if auth:
        req.add_header("Authorization", auth)
    if length is not None:
        req.add_header("Content-Length", str(length))
    return urllib.request.urlopen(req, timeout=600)


def explain(method, url, e):
    if isinstance(e, urllib.error.HTTPError):
        hint = ""
        if e.code in (401, 403):
            server = ("zentoo.binhost.stagingServerId (or zentoo.binhost.serverId without it)"
                      if "/.zentoo-staging/" in url else "zentoo.binhost.serverId")
            hint = (" (the store refused the credentials in $ZENTOO_STORE_CREDENTIALS: check the settings.xml"
                    " server of " + server + ", and that the server allows " + method + ")")
        return method + " " + url + " answered HTTP " + str(e.code) + hint
    return method + " " + url + " failed: " + str(getattr(e, "reason", e))


def get(url):
    """The body, or None when the server has no such file."""
    try:
        with request("GET", url) as r:
            return r.read()
    except urllib.error.HTTPError as e:
        if e.code == 404:
            return None
        fail(explain("GET", url, e))
    except OSError as e:
        fail(explain("GET", url, e))


def fetch(uri, dest):
    if uri.endswith("/" + INDEX + ".gz") and get(uri) is None:
        sys.exit(1)  # Portage asks for the compressed index first; the plain one is what Zentoo uploads
    try:
        with request("GET", uri) as r, open(dest + ".part", "wb") as out:
            while True:
                block = r.read(CHUNK)
                if not block:
                    break
                out.write(block)
    except OSError as e:
        fail(explain("GET", uri, e))
    os.replace(dest + ".part", dest)


def parse(text):
    """Packages as (header lines, {PATH: stanza text}); stanzas are kept verbatim."""
    blocks = [b for b in text.split("\n\n") if b.strip()]
    if not blocks:
        return [], {}
    header = blocks[0].strip("\n").split("\n")
    stanzas = {}
    for block in blocks[1:]:
        block = block.strip("\n")
        fields = dict(line.split(": ", 1) for line in block.split("\n") if ": " in line)
        path = fields.get("PATH") or fields.get("CPV", "") + ".tbz2"
        stanzas[path] = block
    return header, stanzas


def cpv_of(stanza):
    for line in stanza.split("\n"):
        if line.startswith("CPV: "):
            return line[5:]
    return ""


def plan(remote_text, local_text):
    """The files to upload, binpkgs first and Packages last, and the merged index.

    An instance is new when the remote index has no entry of its PATH. Portage
    numbers the build ids of new instances past the remote ones (it counts them
    with --getbinpkg), and fetched instances keep their remote PATH.
    """
    remote_header, remote = parse(remote_text)
    local_header, local = parse(local_text)
    new = sorted(path for path in local if path not in remote)
    merged = dict(remote)
    for path in new:
        merged[path] = local[path]
    header = [line for line in (local_header or remote_header) if not line.startswith("PACKAGES: ")]
    header.append("PACKAGES: " + str(len(merged)))
    header.sort()
    order = sorted(merged, key=lambda p: (cpv_of(merged[p]), p))
    index = "\n".join(header) + "\n\n" + "".join(merged[p] + "\n\n" for p in order)
    return new + [INDEX], index


def mkcols(base, path, made):
    parts = path.split("/")[:-1]
    for i in range(1, len(parts) + 1):
        d = "/".join(parts[:i])
        if d in made:
            continue
        made.add(d)
        mkcol(base + d + "/")


def mkcol(url):
    try:
        request("MKCOL", url).close()
    except urllib.error.HTTPError as e:
        if e.code != 405:  # 405: the collection exists
            fail(explain("MKCOL", url, e))
    except OSError as e:
        fail(explain("MKCOL", url, e))


def mkcol_base(base):
    scheme, rest = base.split("://", 1)
    host, _, path = rest.partition("/")
    url = scheme + "://" + host + "/"
    for segment in [s for s in path.split("/") if s]:
        url += segment + "/"
        mkcol(url)


def put(url, path):
    try:
        with open(path, "rb") as f:
            request("PUT", url, f, os.fstat(f.fileno()).st_size).close()
    except OSError as e:
        fail(explain("PUT", url, e) + ". The index was not replaced: the store still lists only files it has")


def upload(pkgdir, base):
    if not base.endswith("/"):
        fail("a partition URL ends in /: " + base)
    local_index = os.path.join(pkgdir, INDEX)
    if not os.path.isfile(local_index):
        # Portage writes the index when it builds; instances it only fetched leave none.
        print("[zentoo] store: nothing new for " + base + " (nothing was built)", flush=True)
        return
    with open(local_index, encoding="utf-8") as f:
        local_text = f.read()
    remote = get(base + INDEX)
    files, index = plan(remote.decode("utf-8") if remote is not None else "", local_text)
    if len(files) == 1 and remote is not None:
        print("[zentoo] store: nothing new for " + base + " (every instance came from it)", flush=True)
        return
    mkcol_base(base)
    made = set()
    for path in files[:-1]:
        mkcols(base, path, made)
        print("[zentoo] store: uploading " + path, flush=True)
        put(base + path, os.path.join(pkgdir, path))
    merged = os.path.join(pkgdir, ".zentoo-" + INDEX)
    with open(merged, "w", encoding="utf-8") as f:
        f.write(index)
    print("[zentoo] store: uploading " + INDEX + " (" + str(len(files) - 1) + " new instances)", flush=True)
    put(base + INDEX, merged)
    os.remove(merged)


def fetch_locked(base, pkgdir, locked):
    with open(locked, encoding="utf-8") as f:
        wanted = {line.split()[0].split("::")[0] for line in f if line.strip()}
    body = get(base + INDEX)
    if body is None:
        fail(base + " has no " + INDEX + ": nothing was built into this partition yet (run zentoo:build)")
    _, stanzas = parse(body.decode("utf-8"))
    for path, stanza in sorted(stanzas.items()):
        if cpv_of(stanza) in wanted:
            dest = os.path.join(pkgdir, path)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            fetch(base + path, dest)


def stage(url):
    # <binhost>/.zentoo-staging/<run>/<machine>.tar: only the two staging collections are made.
    # The binhost's own path is the builds' to make, and a stager may not write there.
    run = url.rsplit("/", 1)[0]
    mkcol(run.rsplit("/", 1)[0] + "/")
    mkcol(run + "/")

    def blocks():
        while True:
            block = sys.stdin.buffer.read(CHUNK)
            if not block:
                return
            yield block
    try:
        request("PUT", url, blocks()).close()
    except OSError as e:
        fail(explain("PUT", url, e))


def delete(url):
    try:
        request("DELETE", url).close()
    except urllib.error.HTTPError as e:
        if e.code != 404:
            fail(explain("DELETE", url, e))
    except OSError as e:
        fail(explain("DELETE", url, e))


def main(argv):
    if len(argv) == 3 and argv[0] == "fetch":
        fetch(argv[1], argv[2])
    elif len(argv) == 2 and argv[0] == "exists":
        # Portage 3.0.83 crashes (UnboundLocalError) when a binrepo's fetchcommand fails
        # for its index: a partition without one yet is not configured at all.
        sys.exit(0 if get(argv[1]) is not None else 3)
    elif len(argv) == 3 and argv[0] == "upload":
        upload(argv[1], argv[2])
    elif len(argv) == 3 and argv[0] == "plan":
        with open(argv[1], encoding="utf-8") as r, open(argv[2], encoding="utf-8") as l:
            files, index = plan(r.read(), l.read())
        sys.stdout.write("\n".join(files) + "\n--\n" + index)
    elif len(argv) == 4 and argv[0] == "fetch-locked":
        fetch_locked(argv[1], argv[2], argv[3])
    elif len(argv) == 2 and argv[0] == "stage":
        stage(argv[1])
    elif len(argv) == 2 and argv[0] == "delete":
        delete(argv[1])
    else:
        fail("usage: store.py fetch URI DEST | exists URL | fetch-locked URL PKGDIR LOCKED | upload PKGDIR URL | plan REMOTE LOCAL | stage URL | delete URL")


if __name__ == "__main__":
    main(sys.argv[1:])
