# Zentoo's reproducibility hook for Portage, mounted read-only into build and
# kernel containers (copied into assembly containers) and put on PYTHONPATH
# (Portage passes PYTHONPATH on to its helpers as PORTAGE_PYTHONPATH). It does nothing unless SOURCE_DATE_EPOCH is
# set, and nothing in a Python program that never imports Portage's modules.
#
# Portage 3.0.83 takes the wall clock, the directory order and Python's hash
# order in these places that end up in a binpkg and in /var/db/pkg; each is
# fixed here, where Portage makes it (docs/reproducibility.md has the list):
#   * portage.package.ebuild.doebuild._post_src_install_write_metadata writes
#     build-info/BUILD_TIME from time.time(): rewritten with the epoch;
#   * portage.gpkg.gpkg.compress packs ${D} with each file's mtime: every mtime
#     in the image later than the epoch is clamped to it first (so the merged
#     files, CONTENTS and any tarball clamp to the same epoch agree);
#   * portage.gpkg stamps the gpkg members (gpkg-1, metadata, image, Manifest)
#     and every metadata file with datetime.now(), and walks ${D} and
#     build-info with os.walk in readdir order: the clock is the epoch there,
#     and the walk is sorted by name;
#   * the gpkg Manifest lists each file's hashes in the iteration order of the
#     frozenset MANIFEST2_HASH_DEFAULTS, which changes with Python's hash seed:
#     a sorted tuple there (Zentoo also sets PYTHONHASHSEED=0);
#   * installing a gpkg, Python's tarfile gives every file its recorded mtime
#     but leaves a symlink with the time of extraction, which the merge keeps and
#     CONTENTS records: the symlink gets its recorded mtime too.
import os
import sys


def _epoch():
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else None


def _clamp_tree(root, epoch):
    for parent, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(parent, name)
            st = os.lstat(path)
            if st.st_mtime > epoch:
                os.utime(path, (epoch, epoch), follow_symlinks=False)
    st = os.lstat(root)
    if st.st_mtime > epoch:
        os.utime(root, (epoch, epoch), follow_symlinks=False)


def _patch_doebuild(module, epoch):
    original = module._post_src_install_write_metadata

    def write_metadata(settings):
        original(settings)
        path = os.path.join(settings["PORTAGE_BUILDDIR"], "build-info", "BUILD_TIME")
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"{epoch}\n")

    module._post_src_install_write_metadata = write_metadata


def _patch_gpkg(module, epoch):
    import datetime as _datetime
    import types

    class FixedClock(_datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return _datetime.datetime.fromtimestamp(epoch, tz)

    def sorted_walk(top, *args, **kwargs):
        for parent, dirs, files in os.walk(top, *args, **kwargs):
            dirs.sort()
            files.sort()
            yield parent, dirs, files

    walking_os = types.ModuleType("os")
    walking_os.__dict__.update(os.__dict__)
    walking_os.walk = sorted_walk
    module.os = walking_os
    module.datetime = FixedClock
    module.MANIFEST2_HASH_DEFAULTS = tuple(sorted(module.MANIFEST2_HASH_DEFAULTS))

    extractall = module.tar_safe_extract.extractall

    def extractall_with_symlink_times(self, dest_dir):
        tar = self.tar
        extract_member = tar._extract_member

        def with_symlink_time(tarinfo, targetpath, *args, **kwargs):
            extract_member(tarinfo, targetpath, *args, **kwargs)
            if tarinfo.issym():
                os.utime(targetpath, (tarinfo.mtime, tarinfo.mtime), follow_symlinks=False)

        tar._extract_member = with_symlink_time
        try:
            return extractall(self, dest_dir)
        finally:
            del tar._extract_member

    module.tar_safe_extract.extractall = extractall_with_symlink_times

    original = module.gpkg.compress

    def compress(self, root_dir, metadata, *args, **kwargs):
        _clamp_tree(root_dir, epoch)
        return original(self, root_dir, metadata, *args, **kwargs)

    module.gpkg.compress = compress


_PATCHES = {
    "portage.package.ebuild.doebuild": _patch_doebuild,
    "portage.gpkg": _patch_gpkg,
}


class _AfterImport:
    """Patches a module of _PATCHES right after Python has executed it."""

    def find_spec(self, name, path=None, target=None):
        if name not in _PATCHES:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                loader = spec.loader
                execute = loader.exec_module

                def exec_module(module, _execute=execute):
                    _execute(module)
                    _PATCHES[module.__name__](module, _epoch())

                spec.loader.exec_module = exec_module
                return spec
        return None


if _epoch() is not None:
    sys.meta_path.insert(0, _AfterImport())
