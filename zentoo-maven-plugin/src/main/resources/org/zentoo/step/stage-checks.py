# Zentoo's built-in stage checks, run by the stage's own python3 inside a
# container of the packed stage3 (zentoo:test), as root, without network.
# Standard library only: a stage3 has python3 for Portage, but nothing else is
# guaranteed (scanelf from pax-utils is not), so the ELF reader is our own.
#
# Each check prints a block the driver and Zentoo read:
#   ##zentoo-test## begin check NAME
#   ... one line per problem, then what was looked at ...
#   ##zentoo-test## end check STATUS PROBLEMS MICROSECONDS NAME
# STATUS is pass, fail or error (the check itself broke).
#
# Usage: python3 stage-checks.py [--root DIR] [--services FILE] [--overlay FILE] [--machine UNAME_M]
#   --services: the machine's rendered services list (NAME [RUNLEVEL] # origin)
#   --overlay:  the stage paths the machine's overlay/ wrote, one per line
#   --machine:  the stage's machine as uname -m names it; by default this
#               container's own, which QEMU user emulation reports as the emulated one
import glob
import hashlib
import os
import stat
import struct
import subprocess
import sys
import time
import traceback

MARK = "##zentoo-test##"

# Directories that are not the stage's content: kernel file systems, and where
# zentoo:test copies its own files.
SKIPPED_TREES = ("/proc", "/sys", "/dev", "/run", "/var/tmp/zentoo-test")


class Stage:
    """The stage's file system below ROOT, with paths resolved as inside a chroot."""

    def __init__(self, root):
        self.root = os.path.abspath(root)

    def host(self, path):
        """The host path of a stage path, without resolving symlinks."""
        return os.path.join(self.root, path.lstrip("/")) if self.root != "/" else path

    def resolve(self, path):
        """The stage path PATH resolves to, following symlinks inside the stage (None for a loop)."""
        if self.root == "/":
            return os.path.realpath(path)
        parts = [p for p in path.split("/") if p]
        done = []
        hops = 0
        while parts:
            part = parts.pop(0)
            if part == ".":
                continue
            if part == "..":
                if done:
                    done.pop()
                continue
            candidate = "/" + "/".join(done + [part])
            host = self.host(candidate)
            if os.path.islink(host):
                hops += 1
                if hops > 40:
                    return None
                target = os.readlink(host)
                if target.startswith("/"):
                    done = []
                parts = [p for p in target.split("/") if p] + parts
            else:
                done.append(part)
        return "/" + "/".join(done)

    def exists(self, path):
        real = self.resolve(path)
        return real is not None and os.path.exists(self.host(real))

    def real_host(self, path):
        real = self.resolve(path)
        return None if real is None else self.host(real)


def check(name, run):
    """Runs one check and prints its block; returns its status."""
    print(MARK, "begin check", name, flush=True)
    start = time.monotonic()
    status = "error"
    problems = 0
    try:
        problems = run()
        status = "pass" if problems == 0 else "fail"
    except Exception:  # a broken check is reported, never taken for a pass
        print("the check itself failed:")
        traceback.print_exc(file=sys.stdout)
    micros = int((time.monotonic() - start) * 1000000)
    print(MARK, "end check", status, problems, micros, name, flush=True)
    return status


def problem(text):
    print(text, flush=False)


# ---------------------------------------------------------------- CONTENTS

def portage_paths(stage):
    """CONFIG_PROTECT and CONFIG_PROTECT_MASK as Portage computes them for the stage."""
    try:
        out = subprocess.run(["portageq", "envvar", "CONFIG_PROTECT", "CONFIG_PROTECT_MASK"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=120,
                             env=dict(os.environ, ROOT=stage.root), universal_newlines=True)
        lines = out.stdout.split("\n")
        if out.returncode == 0 and len(lines) >= 2:
            return lines[0].split(), lines[1].split(), "portageq"
    except (OSError, subprocess.SubprocessError):
        pass
    # Portage's own defaults (make.globals), when portageq cannot tell.
    return ["/etc"], ["/etc/env.d"], "Portage's defaults (portageq did not answer)"


def under(path, dirs):
    return any(path == d or path.startswith(d.rstrip("/") + "/") for d in dirs)


def protected(path, protect, mask):
    """Portage's rule: the longest matching entry of the two lists decides."""
    best_protect = max((len(d) for d in protect if under(path, [d])), default=-1)
    best_mask = max((len(d) for d in mask if under(path, [d])), default=-1)
    return best_protect > best_mask


def md5(host_path):
    digest = hashlib.md5()
    with open(host_path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def contents_lines(stage):
    for contents in sorted(glob.glob(stage.host("/var/db/pkg/*/*/CONTENTS"))):
        cpv = "/".join(contents.split("/")[-3:-1])
        with open(contents, encoding="utf-8", errors="surrogateescape") as f:
            for line in f:
                yield cpv, line.rstrip("\n")


def check_contents(stage, overlay):
    protect, mask, source = portage_paths(stage)
    counts = {"obj": 0, "sym": 0, "dir": 0, "other": 0, "overlay": 0}
    problems = 0
    packages = set()
    for cpv, line in contents_lines(stage):
        packages.add(cpv)
        kind, _, rest = line.partition(" ")
        issue = None
        path = rest
        if kind == "obj":
            path, recorded, _mtime = rest.rsplit(" ", 2)
            counts["obj"] += 1
            host = stage.host(path)
            if os.path.islink(host):
                issue = "is a symlink, recorded as a file"
            elif not os.path.isfile(host):
                issue = "missing"
            else:
                found = md5(host)
                if found != recorded:
                    issue = "md5 differs: recorded " + recorded + ", found " + found
        elif kind == "sym":
            link, _mtime = rest.rsplit(" ", 1)
            path, _, target = link.partition(" -> ")
            counts["sym"] += 1
            host = stage.host(path)
            if not os.path.islink(host):
                issue = "missing" if not os.path.lexists(host) else "not a symlink"
            elif os.readlink(host) != target:
                issue = "points to " + os.readlink(host) + ", recorded " + target
        elif kind == "dir":
            counts["dir"] += 1
            if not os.path.isdir(stage.host(path)):
                issue = "missing directory"
        elif kind in ("fif", "dev"):
            counts["other"] += 1
            if not os.path.lexists(stage.host(path)):
                issue = "missing"
        else:
            continue
        if issue is None:
            continue
        if path in overlay and protected(path, protect, mask):
            counts["overlay"] += 1
            continue
        problem("%s (%s): %s" % (path, cpv, issue))
        problems += 1
    print("%d packages: %d files, %d symlinks, %d directories, %d others; %d changed on purpose by the overlay"
          " under CONFIG_PROTECT (%s, from %s)" % (len(packages), counts["obj"], counts["sym"], counts["dir"],
                                                  counts["other"], counts["overlay"], " ".join(protect), source))
    if not packages:
        problem("/var/db/pkg lists no package with CONTENTS")
        problems += 1
    return problems


# ---------------------------------------------------------------- ELF

ET_EXEC, ET_DYN = 2, 3
SHT_DYNAMIC, SHT_NOBITS = 6, 8
PT_INTERP = 3
DT_NULL, DT_NEEDED, DT_RPATH, DT_RUNPATH = 0, 1, 15, 29

# uname -m -> (e_machine, its name, the e_machine of the 32-bit programs its kernel also runs, glibc's loader).
MACHINES = {
    "x86_64": (62, "x86-64", 3, "/lib64/ld-linux-x86-64.so.2"),
    "aarch64": (183, "AArch64", 40, "/lib/ld-linux-aarch64.so.1"),
}
MACHINE_NAMES = {62: "x86-64", 3: "i386", 183: "AArch64", 40: "ARM", 243: "RISC-V", 21: "PowerPC64", 22: "s390"}


class Elf:
    """What the dynamic loader reads of an ELF file: class, machine, interpreter, DT_NEEDED, RPATH, RUNPATH."""

    def __init__(self, host_path):
        self.needed, self.rpath, self.runpath, self.interp = [], [], [], None
        with open(host_path, "rb") as f:
            ident = f.read(16)
            if len(ident) < 16 or ident[:4] != b"\x7fELF" or ident[4] not in (1, 2) or ident[5] not in (1, 2):
                raise ValueError("not ELF")
            self.bits = 64 if ident[4] == 2 else 32
            e = "<" if ident[5] == 1 else ">"
            if self.bits == 64:
                head = struct.unpack(e + "HHIQQQIHHHHHH", f.read(48))
            else:
                head = struct.unpack(e + "HHIIIIIHHHHHH", f.read(36))
            self.type, self.machine = head[0], head[1]
            phoff, shoff = head[4], head[5]
            phentsize, phnum, shentsize, shnum = head[8], head[9], head[10], head[11]
            size = os.fstat(f.fileno()).st_size
            for i in range(min(phnum, 4096)):
                f.seek(phoff + i * phentsize)
                if self.bits == 64:
                    p_type, _flags, p_offset, _v, _p, p_filesz = struct.unpack(e + "IIQQQQ", f.read(40))
                else:
                    p_type, p_offset, _v, _p, p_filesz = struct.unpack(e + "IIIII", f.read(20))
                if p_type == PT_INTERP and p_offset + p_filesz <= size:
                    f.seek(p_offset)
                    self.interp = f.read(p_filesz).split(b"\0")[0].decode("utf-8", "surrogateescape")
            sections = []
            if shoff and shentsize and shoff + shnum * shentsize <= size:
                for i in range(min(shnum, 65536)):
                    f.seek(shoff + i * shentsize)
                    if self.bits == 64:
                        sh = struct.unpack(e + "IIQQQQIIQQ", f.read(64))
                    else:
                        sh = struct.unpack(e + "IIIIIIIIII", f.read(40))
                    # (type, offset, size, link)
                    sections.append((sh[1], sh[4], sh[5], sh[6]))
            for s_type, s_offset, s_size, s_link in sections:
                if s_type != SHT_DYNAMIC or s_link >= len(sections):
                    continue
                str_type, str_offset, str_size, _ = sections[s_link]
                if str_type == SHT_NOBITS or s_offset + s_size > size or str_offset + str_size > size:
                    continue  # a separate debug file: no loadable dynamic section
                f.seek(str_offset)
                strings = f.read(str_size)
                f.seek(s_offset)
                raw = f.read(s_size)
                width = 16 if self.bits == 64 else 8
                fmt = e + ("qQ" if self.bits == 64 else "iI")
                for off in range(0, len(raw) - width + 1, width):
                    tag, val = struct.unpack(fmt, raw[off:off + width])
                    if tag == DT_NULL:
                        break
                    if tag in (DT_NEEDED, DT_RPATH, DT_RUNPATH) and val < len(strings):
                        text = strings[val:strings.index(b"\0", val)].decode("utf-8", "surrogateescape")
                        if tag == DT_NEEDED:
                            self.needed.append(text)
                        elif tag == DT_RPATH:
                            self.rpath.extend(p for p in text.split(":") if p)
                        else:
                            self.runpath.extend(p for p in text.split(":") if p)


def ld_so_conf(stage, path="/etc/ld.so.conf", seen=None):
    """The directories ld.so.conf names, with its include lines, in order."""
    seen = set() if seen is None else seen
    if path in seen:
        return []
    seen.add(path)
    host = stage.real_host(path)
    if host is None or not os.path.isfile(host):
        return []
    dirs = []
    with open(host, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("include "):
                for pattern in line.split()[1:]:
                    if not pattern.startswith("/"):
                        pattern = os.path.join(os.path.dirname(path), pattern)
                    for match in sorted(glob.glob(stage.host(pattern))):
                        inner = "/" + os.path.relpath(match, stage.root) if stage.root != "/" else match
                        dirs.extend(ld_so_conf(stage, inner, seen))
            else:
                dirs.extend(d for d in line.replace(",", " ").split() if d.startswith("/"))
    return dirs


def ld_so_cache(stage):
    """Soname -> stage paths, from /etc/ld.so.cache (glibc's "glibc-ld.so.cache1.1" format), as the loader looks up."""
    host = stage.real_host("/etc/ld.so.cache")
    names = {}
    if host is None or not os.path.isfile(host):
        return names
    with open(host, "rb") as f:
        data = f.read()
    base = data.find(b"glibc-ld.so.cache1.1")
    if base < 0:
        return names
    nlibs, = struct.unpack_from("<I", data, base + 20)

    def text(offset):
        end = data.find(b"\0", base + offset)
        return data[base + offset:end].decode("utf-8", "surrogateescape")
    for i in range(min(nlibs, 1 << 20)):
        _flags, key, value = struct.unpack_from("<iII", data, base + 48 + i * 24)
        names.setdefault(text(key), []).append(text(value))
    return names


def walk_elves(stage):
    """Every ELF executable and shared library of the stage: (stage path, Elf)."""
    skipped = set(SKIPPED_TREES) | {"/usr/lib/debug"}
    top = stage.host("/")
    for directory, dirs, files in os.walk(top):
        rel = "/" + os.path.relpath(directory, top) if directory != top else "/"
        rel = rel.replace("//", "/")
        dirs[:] = sorted(d for d in dirs if os.path.join(rel, d) not in skipped)
        for name in sorted(files):
            host = os.path.join(directory, name)
            try:
                st = os.lstat(host)
                if not stat.S_ISREG(st.st_mode) or st.st_size < 52:
                    continue
                with open(host, "rb") as f:
                    if f.read(4) != b"\x7fELF":
                        continue
                elf = Elf(host)
            except (OSError, ValueError, struct.error):
                continue
            if elf.type in (ET_EXEC, ET_DYN):
                yield os.path.join(rel, name), elf


def check_elf(stage, machine):
    if machine not in MACHINES:
        raise ValueError("the ELF check knows no machine %r (known: %s)" % (machine, ", ".join(sorted(MACHINES))))
    e_machine, machine_name, compat, loader = MACHINES[machine]
    conf_dirs = ld_so_conf(stage)
    cached = ld_so_cache(stage)
    defaults = ["/lib64", "/usr/lib64", "/lib", "/usr/lib"]
    cache = {}

    def fits(path, elf):
        """Whether a stage path is a library the loader would take for ELF."""
        host = stage.real_host(path)
        if host is None or not os.path.isfile(host):
            return False
        if host not in cache:
            try:
                other = Elf(host)
                cache[host] = (other.bits, other.machine)
            except (OSError, ValueError, struct.error):
                cache[host] = None
        return cache[host] == (elf.bits, elf.machine)

    def expand(directory, origin, elf):
        lib = "lib64" if elf.bits == 64 else "lib"
        out = directory.replace("${ORIGIN}", origin).replace("$ORIGIN", origin)
        out = out.replace("${LIB}", lib).replace("$LIB", lib)
        return out.replace("${PLATFORM}", machine).replace("$PLATFORM", machine)

    problems = 0
    count = 0
    for path, elf in walk_elves(stage):
        count += 1
        if elf.machine not in (e_machine, compat):
            # A binary of another machine: the stage's kernel (or its QEMU) cannot run it.
            problem("%s: is a %s file, in a %s stage" % (path, MACHINE_NAMES.get(elf.machine, "machine %d" % elf.machine),
                                                        machine_name))
            problems += 1
            continue
        if elf.interp and not stage.exists(elf.interp):
            problem("%s: its interpreter %s is missing" % (path, elf.interp))
            problems += 1
        if not elf.needed:
            continue
        origin = os.path.dirname(stage.resolve(path) or path)
        # ld.so: DT_RPATH only when there is no DT_RUNPATH, then DT_RUNPATH, the cache
        # (/etc/ld.so.cache, and ld.so.conf's directories that ldconfig would add to it),
        # then the trusted directories.
        search = [] if elf.runpath else [expand(d, origin, elf) for d in elf.rpath]
        search += [expand(d, origin, elf) for d in elf.runpath] + conf_dirs + defaults
        if elf.interp is None:
            # A library's private sibling (systemd's libsystemd-core needs libsystemd-shared
            # beside it): the program that loads both names that directory in its own
            # RUNPATH, and the loader then reuses the sibling it has loaded by its soname.
            search.append(origin)
        for needed in elf.needed:
            if "/" in needed:
                candidates = [needed if needed.startswith("/") else os.path.join(origin, needed)]
            else:
                candidates = cached.get(needed, []) + [os.path.join(d, needed) for d in search]
            if any(fits(c, elf) for c in candidates):
                continue
            unfit = [c for c in dict.fromkeys(candidates) if stage.exists(c)]
            if unfit:
                problem("%s: needs %s, but %s is no %d-bit ELF library for its machine (searched %s)"
                        % (path, needed, unfit[0], elf.bits, ":".join(dict.fromkeys(search))))
            else:
                problem("%s: needs %s, which is not in the stage (searched %s)"
                        % (path, needed, ":".join(dict.fromkeys(search))))
            problems += 1
    print("%d ELF executables and libraries of %s (e_machine %d, loader %s); %d sonames in /etc/ld.so.cache;"
          " library path %s" % (count, machine_name, e_machine, loader, len(cached),
                                ":".join(dict.fromkeys(conf_dirs + defaults))))
    return problems


# ---------------------------------------------------------------- services

def services_list(path):
    out = []
    if path and os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                words = line.split("#", 1)[0].split()
                if words:
                    out.append((words[0], words[1] if len(words) > 1 else None))
    return out


def check_services(stage, services):
    if not services:
        print("the machine lists no services")
        return 0
    systemd = any(os.access(stage.host(p), os.X_OK) for p in ("/usr/lib/systemd/systemd", "/lib/systemd/systemd"))
    problems = 0
    for name, level in services:
        if systemd:
            unit = name if "." in name else name + ".service"
            files = [d + "/" + unit for d in ("/etc/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system")]
            if not any(stage.exists(f) for f in files):
                problem("%s: no unit %s in %s" % (name, unit, ", ".join(os.path.dirname(f) for f in files)))
                problems += 1
                continue
            # As zentoo:assemble enables it (systemctl enable): in the targets its [Install]
            # section names; a RUNLEVEL has no meaning for systemd (config/README.md).
            wants = glob.glob(stage.host("/etc/systemd/system/*.wants/" + unit))
            if not any(os.path.islink(w) and stage.exists("/" + os.path.relpath(w, stage.root)) for w in wants):
                problem("%s: %s is not enabled (no link in /etc/systemd/system/*.wants)" % (name, unit))
                problems += 1
            else:
                print("%s: %s enabled" % (name, unit))
        else:
            runlevel = level or "default"
            script = "/etc/init.d/" + name
            if not (stage.exists(script) and os.access(stage.real_host(script), os.X_OK)):
                problem("%s: no executable init script %s" % (name, script))
                problems += 1
                continue
            link = "/etc/runlevels/%s/%s" % (runlevel, name)
            if not os.path.lexists(stage.host(link)) or stage.resolve(link) != stage.resolve(script):
                problem("%s: not in runlevel %s (no %s -> %s)" % (name, runlevel, link, script))
                problems += 1
            else:
                print("%s: in runlevel %s" % (name, runlevel))
    return problems


# ---------------------------------------------------------------- packages.txt

def vdb_packages(stage):
    """The lines zentoo:assemble writes to /var/lib/zentoo/packages.txt, from /var/db/pkg."""
    lines = {}
    for directory in sorted(glob.glob(stage.host("/var/db/pkg/*/*/"))):
        def read(name, default=""):
            try:
                with open(os.path.join(directory, name), encoding="utf-8") as f:
                    return f.read().strip()
            except OSError:
                return default
        pf = read("PF")
        if not pf:
            continue
        cat = os.path.basename(os.path.dirname(directory.rstrip("/")))
        use = set(read("USE").split())
        flags = []
        for flag in read("IUSE").split():
            flag = flag.lstrip("+-")
            flags.append(flag if flag in use else "-" + flag)
        cpv = "%s/%s::%s" % (cat, pf, read("repository", "unknown"))
        lines[cpv] = '%s USE="%s"' % (cpv, " ".join(flags))
    return lines


def check_packages(stage):
    listed = {}
    host = stage.host("/var/lib/zentoo/packages.txt")
    if not os.path.isfile(host):
        problem("/var/lib/zentoo/packages.txt is missing")
        return 1
    with open(host, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                listed[line.split(" ", 1)[0]] = line
    installed = vdb_packages(stage)
    problems = 0
    for cpv in sorted(set(listed) | set(installed)):
        if cpv not in installed:
            problem("%s: in packages.txt, not in /var/db/pkg" % cpv)
        elif cpv not in listed:
            problem("%s: in /var/db/pkg, not in packages.txt" % cpv)
        elif listed[cpv] != installed[cpv]:
            problem("%s: packages.txt says %s, /var/db/pkg says %s" % (cpv, listed[cpv], installed[cpv]))
        else:
            continue
        problems += 1
    print("%d packages in /var/db/pkg, %d in packages.txt" % (len(installed), len(listed)))
    return problems


def main(argv):
    root, services, overlay, machine = "/", None, None, os.uname().machine
    args = list(argv)
    while args:
        flag = args.pop(0)
        value = args.pop(0) if args else None
        if flag == "--root":
            root = value
        elif flag == "--services":
            services = value
        elif flag == "--overlay":
            overlay = value
        elif flag == "--machine":
            machine = value
        else:
            print("usage: stage-checks.py [--root DIR] [--services FILE] [--overlay FILE] [--machine UNAME_M]",
                  file=sys.stderr)
            return 2
    stage = Stage(root)
    changed = set()
    if overlay and os.path.isfile(overlay):
        with open(overlay, encoding="utf-8", errors="surrogateescape") as f:
            changed = {line.rstrip("\n") for line in f if line.strip()}
    check("contents", lambda: check_contents(stage, changed))
    check("elf", lambda: check_elf(stage, machine))
    check("services", lambda: check_services(stage, services_list(services)))
    check("packages", lambda: check_packages(stage))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
