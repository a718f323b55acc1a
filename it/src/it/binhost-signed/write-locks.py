# Run by write-locks.sh in a container with the store at /b (read-only) and the
# project at /site: writes /site/zentoo.lock (m1 with config's hello variant, m2)
# and /site/other.lock (m1b, config-b's variant) from the store's Packages indexes,
# as zentoo:lock would record them. config-c's variant (l10n_fr) is in neither.
import hashlib
import os


def entries(pkgdir):
    text = open(os.path.join(pkgdir, "Packages")).read()
    for block in text.split("\n\n")[1:]:
        fields = dict(l.split(": ", 1) for l in block.splitlines() if ": " in l)
        if "CPV" in fields:
            path = os.path.join(pkgdir, fields["PATH"])
            fields["SHA256"] = hashlib.sha256(open(path, "rb").read()).hexdigest()
            yield fields


partitions = {p: list(entries(os.path.join("/b", p))) for p in sorted(os.listdir("/b"))
              if os.path.isfile(os.path.join("/b", p, "Packages"))}
m1 = next(p for p, e in partitions.items() if sum(1 for x in e if x["CPV"] == "app-misc/hello-1.0") == 3)
m2 = next(p for p in partitions if p != m1)
zero = "sha256:" + "0" * 64


def block(machine, partition, chosen):
    lines = [f"machine {machine}", f"  seed test-stage {zero}", f"  snapshot seed {zero}", f"  config {zero}",
             f"  partition {partition}"]
    for e in sorted(chosen, key=lambda x: x["CPV"]):
        lines.append(f"  package {e['CPV']}::zentoo-test sha256:{e['SHA256']} USE=\"{e.get('USE', '')}\"")
    return "\n".join(lines) + "\n"


def variant(e, flag):
    return e["CPV"] != "app-misc/hello-1.0" or flag in e.get("USE", "").split()


def plain(e):
    use = e.get("USE", "").split()
    return e["CPV"] != "app-misc/hello-1.0" or ("l10n_de" not in use and "l10n_fr" not in use)


with open("/site/zentoo.lock", "w") as f:
    f.write("# Written by the binhost-signed IT from the store, as zentoo:lock records it.\nversion 1\n")
    f.write(block("m1", m1, [e for e in partitions[m1] if plain(e)]))
    f.write(block("m2", m2, partitions[m2]))
with open("/site/other.lock", "w") as f:
    f.write("# Another site's lock: m1's config-b variant.\nversion 1\n")
    f.write(block("m1b", m1, [e for e in partitions[m1] if variant(e, "l10n_de")]))
fr = [e for e in partitions[m1] if e["CPV"] == "app-misc/hello-1.0" and "l10n_fr" in e.get("USE", "").split()]
with open("/site/target/unlocked", "w") as f:
    f.write("".join(f"{m1}/{e['PATH']}\n" for e in fr))
