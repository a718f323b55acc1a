# zentoo:plan, run by python3 inside a container of the machine's build
# environment (rendered config at /etc/portage, the binpkg store read-only with
# PKGDIR at the machine's partition). Arguments: the emerge command line to plan.
#
# emerge itself decides what would be merged (run with --pretend, so nothing is
# written). For each package it lists, Portage's own API says why: the USE the
# ebuild gets, the binpkgs of the partition and their USE, the profile's masked
# and forced flags with the profile file that sets them. When emerge refuses, the
# API says which package is masked (and where) or which REQUIRED_USE it breaks.
#
# Output for Zentoo, one record per line, tab-separated, after "[zentoo-plan]":
#   pkg      compile|reuse  CPV  REPO  USE  REASON  DETAIL
#            REASON: no-binpkg | other-use | newer-version | rebuild | binpkg
#   flag     CPV  masked|forced  FLAG  PROFILE_FILE:LINE
#   required CPV  REQUIRED_USE  UNSATISFIED  FLAG_STATES
#   mask     ATOM  CPV  REASONS  FILE:LINE  COMMENT
#            FILE: as Portage read it (Zentoo maps /etc/portage/package.mask/NN-set to the set's line)
#   missing  ATOM  SIMILAR   no package of that name; SIMILAR: emerge's own "Maybe you meant" names
#   failed   EXIT  WHAT
# Everything emerge prints goes to the log, each line after "[emerge] ".
import functools
import os
import re
import subprocess
import sys

import portage
from portage.dep import Atom, check_required_use, match_from_list, use_reduce
from portage.versions import cpv_getversion, vercmp

MARK = "[zentoo-plan]"


def record(*fields):
    print(MARK + "\t" + "\t".join(str(f).replace("\t", " ").replace("\n", " ") for f in fields), flush=True)


def iuse_of(metadata):
    return sorted({f.lstrip("+-") for f in metadata.split()})


def ebuild_use(config, portdb, cpv):
    """The flags of IUSE that Portage turns on for the ebuild, with the machine's config."""
    config.setcpv(cpv, mydb=portdb)
    use = set(config["PORTAGE_USE"].split())
    iuse = iuse_of(portdb.aux_get(cpv, ["IUSE"])[0])
    return iuse, sorted(f for f in iuse if f in use)


def binpkg_use(bindb, cpv):
    use, iuse = bindb.aux_get(cpv, ["USE", "IUSE"])
    iuse = iuse_of(iuse)
    on = set(use.split())
    return iuse, sorted(f for f in iuse if f in on)


def binpkg_instance(bindb, shown):
    """emerge shows a binpkg as CPV-BUILD_ID under binpkg-multi-instance: (CPV, the store's instance)."""
    m = re.match(r"^(.*)-(\d+)$", shown)
    if m:
        for instance in bindb.match("=" + m.group(1)):
            if str(getattr(instance, "build_id", "")) == m.group(2):
                return m.group(1), instance
    return shown, bindb.match("=" + shown)[-1]


def differing(wanted, wanted_iuse, have, have_iuse):
    flags = sorted(set(wanted_iuse) | set(have_iuse))
    return ["%s%s" % ("+" if f in wanted else "-", f) for f in flags if (f in wanted) != (f in have)]


def why_compiled(bindb, cpv, iuse, use):
    """Why the partition's binpkgs do not serve cpv with this USE."""
    cp = portage.cpv_getkey(cpv)
    instances = bindb.match(cp)
    if not instances:
        return "no-binpkg", "no binpkg of " + cp + " in the partition"
    same = [b for b in instances if cpv_getversion(b) == cpv_getversion(cpv)]
    if not same:
        newest = sorted({cpv_getversion(b) for b in instances}, key=functools.cmp_to_key(vercmp))[-1]
        return "newer-version", "the snapshot has %s, the partition only up to %s" % (
            cpv_getversion(cpv), newest)
    best = None
    for b in same:
        b_iuse, b_use = binpkg_use(bindb, b)
        diff = differing(use, iuse, b_use, b_iuse)
        if best is None or len(diff) < len(best):
            best = diff
    if best:
        return "other-use", " ".join(best)
    return "rebuild", "a binpkg with this USE exists, yet emerge rebuilds it"


def profile_files(profiles, name):
    for node in profiles:
        path = os.path.join(node, name)
        if os.path.isfile(path):
            yield path


def numbered_lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if line:
                yield number, line


def repository_relative(path):
    """profiles/... relative to its repository when it lies in one."""
    marker = "/profiles/"
    i = path.find(marker)
    return path[i + 1:] if i >= 0 else path


def profile_origin(profiles, cpv_pkg, flag, kind, stable):
    """The last profile line that decides flag for the package: use.<kind> or package.use.<kind>."""
    found = None
    names = ["use." + kind, "package.use." + kind]
    if stable:
        names += ["use.stable." + kind, "package.use.stable." + kind]
    for node in profiles:
        for name in names:
            path = os.path.join(node, name)
            if not os.path.isfile(path):
                continue
            for number, line in numbered_lines(path):
                tokens = line.split()
                if name.startswith("package."):
                    try:
                        if not match_from_list(Atom(tokens[0]), [cpv_pkg]):
                            continue
                    except portage.exception.InvalidAtom:
                        continue
                    tokens = tokens[1:]
                for t in tokens:
                    if t == flag:
                        found = "%s:%d" % (repository_relative(path), number)
                    elif t == "-" + flag:
                        found = None
    return found or "the profile"


def mask_location(config, portdb, cpv):
    """The package.mask file and line that masks cpv, named as the site names it."""
    comment, location = portage.getmaskingreason(cpv, settings=config, portdb=portdb, return_location=True)
    if not location:
        return "", (comment or "").strip()
    files = [location]
    if os.path.isdir(location):
        files = sorted(os.path.join(location, n) for n in os.listdir(location))
    elif os.path.isdir(os.path.join(location, "package.mask")):
        files = sorted(os.path.join(location, "package.mask", n) for n in os.listdir(os.path.join(location, "package.mask")))
    elif os.path.isfile(os.path.join(location, "package.mask")):
        files = [os.path.join(location, "package.mask")]
    where = location
    for path in files:
        if not os.path.isfile(path):
            continue
        for number, line in numbered_lines(path):
            if line.startswith("-"):
                continue
            try:
                if match_from_list(Atom(line.split()[0]), [cpv]):
                    where = site_line(path, number)
            except portage.exception.InvalidAtom:
                continue
    # The comment block above the mask, without the header of a rendered file.
    kept = [l.lstrip("#").strip() for l in (comment or "").splitlines() if not l.startswith("# From ")]
    return where, " ".join(l for l in kept if l)


def site_line(path, number):
    """A profile file relative to its repository; a rendered /etc/portage file as it is (Zentoo maps it)."""
    return "%s:%d" % (repository_relative(path), number)


def similar_names(atom, dbs):
    """The names emerge suggests for a command-line atom it cannot find; it does not for a set's member."""
    try:
        from portage.dbapi._similar_name_search import similar_name_search
    except ImportError:
        return []
    return similar_name_search(dbs, atom)


def explain_refusal(config, portdb, atoms, similar_dbs):
    explained = False
    for text in atoms:
        try:
            atom = Atom(text)
        except portage.exception.InvalidAtom:
            continue
        if not portdb.cp_list(atom.cp):
            record("missing", text, ", ".join(similar_names(atom, similar_dbs)))
            explained = True
            continue
        candidates = portdb.xmatch("match-all", atom)
        visible = portdb.xmatch("match-visible", atom)
        if candidates and not visible:
            cpv = candidates[-1]
            reasons = ", ".join(portage.getmaskingstatus(cpv, settings=config, portdb=portdb))
            where, comment = mask_location(config, portdb, cpv)
            record("mask", text, cpv, reasons, where, comment)
            explained = True
            continue
        for cpv in reversed(visible):
            required, eapi, iuse_text = portdb.aux_get(cpv, ["REQUIRED_USE", "EAPI", "IUSE"])
            if not required.strip():
                continue
            iuse, use = ebuild_use(config, portdb, cpv)
            result = check_required_use(required, set(use), lambda f: f in iuse, eapi=eapi)
            if not result:
                flags = sorted({t.lstrip("!").rstrip("?") for t in required.split()
                                if re.match(r"^!?[A-Za-z0-9][A-Za-z0-9+_@-]*\??$", t)})
                states = " ".join(f if f in use else "-" + f for f in flags)
                record("required", cpv, " ".join(required.split()), result.tounicode(), states)
                explained = True
                break
    return explained


def main(command):
    env = dict(os.environ, NOCOLOR="true")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                               universal_newlines=True, errors="replace")
    merges = []
    refused = []
    line_re = re.compile(r"^\[(ebuild|binary)\s+([^\]]*)\]\s+(\S+?)(?:::(\S+))?(?:\s|$)")
    for line in process.stdout:
        line = line.rstrip("\n")
        print("[emerge] " + line, flush=True)
        m = line_re.match(line)
        if m:
            merges.append((m.group(1), m.group(3), m.group(4) or ""))
        m = re.search(r'satisfy "([^"]+)"', line)
        if m:
            refused.append(m.group(1))
    exit_code = process.wait()

    eroot = portage.settings["EROOT"]
    portdb = portage.db[eroot]["porttree"].dbapi
    bintree = portage.db[eroot]["bintree"]
    bintree.populate()
    bindb = bintree.dbapi
    config = portage.config(clone=portage.settings)
    profiles = list(config.profiles)
    stable = True

    if exit_code != 0:
        vardb = portage.db[eroot]["vartree"].dbapi
        if not explain_refusal(config, portdb, refused, [vardb, portdb, bindb]):
            record("failed", exit_code, "emerge --pretend refused @world; its own message is in the log")
        # Zentoo reads the refusal from the records; a non-zero exit is for the helper's own failures.
        return 0

    for kind, cpv, repo in merges:
        if kind == "binary":
            cpv, instance = binpkg_instance(bindb, cpv)
            iuse, use = binpkg_use(bindb, instance)
            record("pkg", "reuse", cpv, repo, " ".join(use), "binpkg", "a binpkg with this USE")
        else:
            iuse, use = ebuild_use(config, portdb, cpv)
            reason, detail = why_compiled(bindb, cpv, iuse, use)
            record("pkg", "compile", cpv, repo, " ".join(use), reason, detail)
        # The profile's masked and forced flags of this package, with the file that decides each.
        db = portdb if kind == "ebuild" else bindb
        instance = cpv if kind == "ebuild" else instance
        config.setcpv(instance, mydb=db)
        slot = db.aux_get(instance, ["SLOT"])[0]
        pkg = portage.versions._pkg_str(cpv, slot=slot, repo=repo or None)
        for flag in sorted(set(iuse) & set(config.usemask)):
            record("flag", cpv, "masked", flag, profile_origin(profiles, pkg, flag, "mask", stable))
        for flag in sorted(set(iuse) & set(config.useforce)):
            record("flag", cpv, "forced", flag, profile_origin(profiles, pkg, flag, "force", stable))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
