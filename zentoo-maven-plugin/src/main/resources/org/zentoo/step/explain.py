# Zentoo explain helper: runs inside the machine's build container, on Portage's
# own Python API, and prints one JSON document after a marker line.
#
# The final values (the version Portage picks, USE, usemask, useforce, the
# variables) come from Portage. The origins are found by reading the layers in
# the order Portage stacks them (Portage 3.0, config.setcpv/regenerate and
# UseManager.getUseMask/getUseForce), low to high:
#   pkginternal   the ebuild's IUSE defaults (+flag / -flag)
#   defaults      per profile node: make.defaults USE (USE_EXPAND expanded),
#                 use.stable (stable keywords), package.use, package.use.stable
#   conf          /etc/portage/make.conf USE, then package.use */* lines,
#                 then make.conf's USE_EXPAND variables (each replaces its prefix)
#   pkg           /etc/portage/package.use, least to most specific atom
# then use.force & co. add, then use.mask & co. remove: a mask beats a force.
# Within the force and mask stacks: the repository level first, then per node
# use.X, use.stable.X, package.use.X, package.use.stable.X; "-flag" undoes.
import json
import os
import re
import sys

os.environ.setdefault("PORTAGE_QUIET", "1")
import portage  # noqa: E402
from portage.dep import Atom, best_match_to_list  # noqa: E402

MARKER = "[zentoo-explain-json]"
MAKE_CONF = "/etc/portage/make.conf"
USER_PACKAGE_USE = "/etc/portage/package.use"
ASSIGNMENT = re.compile(r'^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$')


def files_of(path):
    """A profile or config file, or the files of its directory in Portage's order."""
    if os.path.isfile(path):
        return [path]
    if os.path.isdir(path):
        out = []
        for name in sorted(os.listdir(path)):
            if name.startswith(".") or name.endswith("~"):
                continue
            full = os.path.join(path, name)
            if os.path.isfile(full):
                out.append(full)
        return out
    return []


def lines_of(path):
    """(line number, tokens) of each line that is not blank or a comment."""
    out = []
    for f in files_of(path):
        with open(f, encoding="utf-8", errors="replace") as fh:
            for n, raw in enumerate(fh, 1):
                text = raw.split("#", 1)[0].strip()
                if text:
                    out.append((f, n, text.split()))
    return out


class Namer:
    """Names a file relative to its repository (profiles/..., cat/pkg/...), else as it is."""

    def __init__(self, settings):
        self.repos = sorted(((r.location.rstrip("/"), r.name) for r in settings.repositories),
                            key=lambda r: -len(r[0]))

    def __call__(self, path):
        path = os.path.realpath(path)
        for location, _ in self.repos:
            real = os.path.realpath(location)
            if path.startswith(real + "/"):
                return path[len(real) + 1:]
        return path


def origin(kind, file=None, line=None, enabled=None):
    o = {"kind": kind, "file": file, "line": line}
    if enabled is not None:
        o["enabled"] = enabled
    return o


def assignment_lines(path, names):
    """For make.conf-like files: the line where each of {names} is assigned (last wins)."""
    found = {}
    for f in files_of(path):
        with open(f, encoding="utf-8", errors="replace") as fh:
            for n, raw in enumerate(fh, 1):
                m = ASSIGNMENT.match(raw)
                if m and m.group(1) in names:
                    found[m.group(1)] = (f, n)
    return found


def line_with_value(path, var, value):
    """The line of make.defaults-like {path} where {var}'s assignment mentions {value}."""
    best = None
    for f in files_of(path):
        with open(f, encoding="utf-8", errors="replace") as fh:
            current = None
            for n, raw in enumerate(fh, 1):
                m = ASSIGNMENT.match(raw)
                if m:
                    current = m.group(1)
                    body = m.group(2)
                else:
                    body = raw
                if current == var and value in re.split(r'[\s"\']+', body.split("#", 1)[0]):
                    best = (f, n)
                # A value ends with its closing quote: an assignment has two, a continuation one.
                if body.count('"') >= (2 if m else 1) or (m and '"' not in body):
                    current = None
    return best


class Stack:
    """Tracks, per flag, every entry of the USE stack that touched it: (enabled, origin)."""

    def __init__(self):
        self.entries = {}
        self.on = set()

    def set(self, flag, enabled, where):
        self.entries.setdefault(flag, []).append((enabled, where))
        if enabled:
            self.on.add(flag)
        else:
            self.on.discard(flag)

    def clear(self, prefix, where, flags):
        for f in flags:
            if f.startswith(prefix):
                self.set(f, False, where)

    def apply(self, token, where, flags):
        if token == "-*":
            self.clear("", where, flags)
        elif token.startswith("-") and token.endswith("_*"):
            self.clear(token[1:-1], where, flags)
        elif token.startswith("-"):
            self.set(token[1:], False, where)
        elif token.endswith("_*"):
            for f in flags:
                if f.startswith(token[:-1]):
                    self.set(f, True, where)
        else:
            self.set(token.lstrip("+"), True, where)


def matching(cpdict, pkg):
    """Portage's ordered_by_atom_specificity over {atom: [entries]}: least specific first."""
    keys = list(cpdict)
    out = []
    while keys:
        best = best_match_to_list(pkg, keys)
        if not best:
            break
        keys.remove(best)
        out.append(cpdict[best])
    out.reverse()
    return [e for group in out for e in group]


def package_entries(path, pkg, namer, kind):
    """The (token, origin) pairs of a package.* file that apply to {pkg}, in Portage's order."""
    cpdict = {}
    for f, n, tokens in lines_of(path):
        try:
            atom = Atom(tokens[0], allow_wildcard=True, allow_repo=True)
        except Exception:
            continue
        if kind == "set" and tokens[0] == "*/*":
            continue
        if pkg is None or not portage.dep.match_from_list(atom, [pkg]):
            continue
        expanded = []
        prefix = ""
        for t in tokens[1:]:
            if t.endswith(":"):
                prefix = t[:-1].lower() + "_"
                continue
            if prefix:
                expanded.append(("-" + prefix + t[1:]) if t.startswith("-") else prefix + t)
            else:
                expanded.append(t)
        key = next((k for k in cpdict if str(k) == str(atom)), atom)
        cpdict.setdefault(key, []).extend(
            (t, origin(kind, f if kind == "set" else namer(f), n)) for t in expanded)
    return matching(cpdict, pkg) if cpdict else []


def plain_entries(path, namer):
    return [(t, origin("profile", namer(f), n)) for f, n, tokens in lines_of(path) for t in tokens]


class Machine:

    def __init__(self):
        self.settings = portage.config(clone=portage.settings)
        self.portdb = portage.db[portage.root]["porttree"].dbapi
        self.namer = Namer(self.settings)
        self.nodes = list(self.settings._locations_manager.profiles_complex)
        self.use_expand = self.settings.get("USE_EXPAND", "").split()

    def repo_profile_dirs(self, repo):
        """The repository-level profiles/ directories Portage reads before the nodes."""
        out = []
        if repo:
            try:
                r = self.settings.repositories[repo]
                out.extend(os.path.join(m.location, "profiles") for m in r.masters)
                out.append(os.path.join(r.location, "profiles"))
            except KeyError:
                pass
        return out

    def restriction(self, kind, pkg, stable, repo=None):
        """The force or mask stack: (token, origin) in Portage's order."""
        entries = []
        if pkg is not None:
            for d in self.repo_profile_dirs(repo):
                entries += plain_entries(os.path.join(d, "use." + kind), self.namer)
                if stable:
                    entries += plain_entries(os.path.join(d, "use.stable." + kind), self.namer)
                entries += package_entries(os.path.join(d, "package.use." + kind), pkg, self.namer, "profile")
                if stable:
                    entries += package_entries(os.path.join(d, "package.use.stable." + kind), pkg, self.namer,
                                               "profile")
        for node in self.nodes:
            loc = node.location
            entries += plain_entries(os.path.join(loc, "use." + kind), self.namer)
            if pkg is not None:
                if stable:
                    entries += plain_entries(os.path.join(loc, "use.stable." + kind), self.namer)
                entries += package_entries(os.path.join(loc, "package.use." + kind), pkg, self.namer, "profile")
                if stable:
                    entries += package_entries(os.path.join(loc, "package.use.stable." + kind), pkg, self.namer,
                                               "profile")
        return entries

    def make_defaults_entries(self):
        """Per node, the USE tokens of its make.defaults (USE_EXPAND variables expanded), with lines."""
        per_node = []
        tokens_by_node = list(self.settings.make_defaults_use)
        locations = list(self.settings.profiles)
        for loc, tokens in zip(locations, tokens_by_node):
            path = os.path.join(loc, "make.defaults")
            entries = []
            for t in tokens.split():
                flag = t.lstrip("-")
                where = line_with_value(path, "USE", t)
                if where is None:
                    unprefixed = self.settings.get("USE_EXPAND_UNPREFIXED", "").split()
                    for var in self.use_expand + unprefixed:
                        prefix = "" if var in unprefixed else var.lower() + "_"
                        if flag.startswith(prefix):
                            value = ("-" if t.startswith("-") else "") + flag[len(prefix):]
                            where = line_with_value(path, var, value)
                            if where:
                                break
                f, n = where if where else (path, None)
                entries.append((t, origin("profile", self.namer(f), n)))
            per_node.append((loc, entries))
        return per_node

    def use_stack(self, pkg, iuse, stable):
        """The USE stack for {pkg} (None: the machine), low to high, as (token, origin) groups."""
        flags = set(iuse)
        stack = Stack()
        layers = []
        if pkg is not None:
            ebuild = self.portdb.findname(pkg)
            internal = []
            for token in self.portdb.aux_get(pkg, ["IUSE"])[0].split():
                if token[:1] in "+-":
                    internal.append((token[1:] if token[0] == "+" else token,
                                     origin("ebuild", self.namer(ebuild) if ebuild else None,
                                            self.line_in(ebuild, token))))
            layers.append(internal)
        node_defaults = dict(self.make_defaults_entries())
        defaults = []
        for node in self.nodes:
            loc = node.location
            defaults += node_defaults.get(loc, [])
            if pkg is not None:
                if stable:
                    defaults += plain_entries(os.path.join(loc, "use.stable"), self.namer)
                defaults += package_entries(os.path.join(loc, "package.use"), pkg, self.namer, "profile")
                if stable:
                    defaults += package_entries(os.path.join(loc, "package.use.stable"), pkg, self.namer, "profile")
        layers.append(defaults)
        conf = []
        lines = assignment_lines(MAKE_CONF, set(["USE"] + self.use_expand))
        f, n = lines.get("USE", (MAKE_CONF, None))
        conf_use = self.settings.configdict["conf"].get("USE", "")
        for t in conf_use.split():
            conf.append((t, origin("set", f, n)))
        layers.append(conf)
        expand = []
        for var in self.use_expand:
            value = self.settings.configdict["conf"].get(var)
            if value is None:
                continue
            f, n = lines.get(var, (MAKE_CONF, None))
            where = origin("set", f, n)
            expand.append(("-" + var.lower() + "_*", where))
            for v in value.split():
                expand.append((var.lower() + "_" + v, where))
        layers.append(expand)
        if pkg is not None:
            layers.append(package_entries(USER_PACKAGE_USE, pkg, self.namer, "set"))
        for layer in layers:
            for token, where in layer:
                known = flags | set(stack.on)
                stack.apply(token, where, known)
        return stack

    @staticmethod
    def line_in(path, token):
        if not path:
            return None
        with open(path, encoding="utf-8", errors="replace") as fh:
            for n, raw in enumerate(fh, 1):
                if raw.lstrip().startswith("IUSE") and token in re.split(r'[\s"\']+', raw):
                    return n
        return None

    @staticmethod
    def last_restriction(entries, flag):
        """The line that decides whether {flag} is in the stack: the last one naming it."""
        last = None
        for token, where in entries:
            if token == flag:
                last = where
            elif token == "-" + flag:
                last = None
        return last

    def attribute(self, flag, enabled, stack, force, mask, masked, forced):
        history = stack.entries.get(flag, [])
        wishes = [dict(w, enabled=e) for e, w in history]
        if masked:
            decisive = dict(self.last_restriction(mask, flag) or origin("profile"), enabled=False, effect="mask")
            over = [w for w in wishes if w["enabled"]]
            f = self.last_restriction(force, flag)
            if f:
                over.append(dict(f, enabled=True, effect="force"))
            return decisive, over
        if forced:
            decisive = dict(self.last_restriction(force, flag) or origin("profile"), enabled=True, effect="force")
            return decisive, [w for w in wishes if not w["enabled"]]
        if not wishes:
            return origin("none", enabled=False), []
        decisive = wishes[-1]
        return decisive, [w for w in wishes[:-1] if w["enabled"] != decisive["enabled"]]

    def package(self, atom_text):
        s = self.settings
        try:
            atom = Atom(atom_text)
        except Exception as e:
            return {"atom": atom_text, "error": "not an atom: %s" % e}
        cpv = self.portdb.xmatch("bestmatch-visible", atom)
        if not cpv:
            every = self.portdb.xmatch("match-all", atom)
            return {"atom": atom_text, "error": "no visible version" + (
                " (masked or not keyworded: " + ", ".join(every) + ")" if every else " in the repositories")}
        s.setcpv(cpv, mydb=self.portdb)
        pkg = s.mycpv
        repo = self.portdb.aux_get(cpv, ["repository"])[0] or None
        iuse = [t.lstrip("+-") for t in self.portdb.aux_get(cpv, ["IUSE"])[0].split()]
        stable = False
        try:
            stable = bool(s._use_manager._isStable(pkg))
        except Exception:
            pass
        final = set(s["PORTAGE_USE"].split())
        mask = self.restriction("mask", pkg, stable, repo)
        force = self.restriction("force", pkg, stable, repo)
        stack = self.use_stack(pkg, iuse, stable)
        flags = []
        for flag in sorted(set(iuse)):
            enabled = flag in final
            decisive, over = self.attribute(flag, enabled, stack, force, mask, flag in s.usemask,
                                            flag in s.useforce)
            flags.append({"flag": flag, "enabled": enabled, "origin": decisive, "overridden": over})
        version = portage.versions.cpv_getversion(cpv)
        return {"atom": atom_text, "cpv": str(cpv), "version": version, "repository": repo,
                "stable": stable, "iuse": iuse, "flags": flags}

    def world(self):
        from portage._sets import load_default_config
        config = load_default_config(self.settings, portage.db[portage.root])
        return sorted(set(str(a) for a in config.getSetAtoms("selected")))

    def variables(self, names):
        s = self.settings
        conf = assignment_lines(MAKE_CONF, set(names))
        out = []
        for name in names:
            value = s.get(name)
            if value is None:
                continue
            if name in s.configdict["conf"] and name in conf:
                where = origin("set", conf[name][0], conf[name][1])
            else:
                where = None
                for loc in reversed(list(s.profiles)):
                    path = os.path.join(loc, "make.defaults")
                    hit = assignment_lines(path, {name}).get(name)
                    if hit:
                        where = origin("profile", self.namer(hit[0]), hit[1])
                        break
                if where is None:
                    globals_path = os.path.join(portage.const.GLOBAL_CONFIG_PATH, "make.globals")
                    hit = assignment_lines(globals_path, {name}).get(name)
                    where = origin("globals", globals_path, hit[1] if hit else None) if hit or \
                        name in s.configdict.get("globals", {}) else origin("none")
            out.append({"name": name, "value": value, "origin": where})
        return out

    def machine(self):
        s = portage.config(clone=portage.settings)
        use = sorted(s["USE"].split())
        stack = self.use_stack(None, [], False)
        mask = self.restriction("mask", None, False)
        force = self.restriction("force", None, False)
        flags = []
        for flag in sorted(set(stack.entries) | set(use)):
            if any(flag.startswith(v.lower() + "_") for v in s.get("USE_EXPAND_HIDDEN", "").split()):
                continue
            enabled = flag in use
            decisive, over = self.attribute(flag, enabled, stack, force, mask, flag in s.usemask,
                                            flag in s.useforce)
            if decisive["kind"] == "none" and not enabled:
                continue
            flags.append({"flag": flag, "enabled": enabled, "origin": decisive, "overridden": over})
        expand = {v: s.get(v, "") for v in self.use_expand if s.get(v)}
        return {"profile": [self.namer(n.location) for n in self.nodes], "use": use, "useExpand": expand,
                "flags": flags}


def main():
    names = os.environ.get("ZENTOO_EXPLAIN_VARIABLES", "").split()
    atoms = os.environ.get("ZENTOO_EXPLAIN_ATOMS", "").split()
    m = Machine()
    names = names + [v for v in m.use_expand if v not in names]
    doc = {"portage": portage.VERSION, "variables": m.variables(names), "machine": m.machine(), "packages": []}
    if atoms == ["@world"]:
        atoms = m.world()
    for a in atoms:
        doc["packages"].append(m.package(a))
    sys.stdout.flush()
    print(MARKER)
    print(json.dumps(doc, sort_keys=True))


main()
