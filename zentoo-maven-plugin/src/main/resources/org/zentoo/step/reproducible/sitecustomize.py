# Zentoo's Python hook for Portage, mounted read-only into build and kernel
# containers (copied into assembly containers) and put on PYTHONPATH (Portage
# passes PYTHONPATH on to its helpers as PORTAGE_PYTHONPATH). It patches
# Portage's modules right after Python has executed them, and only for what the
# container asks: reproducibility when SOURCE_DATE_EPOCH is set, distcc when
# DISTCC_ZENTOO_CLIENT is. It does nothing in a Python program that never imports
# Portage's modules.
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
#
# distcc without FEATURES=distcc: Portage records FEATURES in every package's
# vdb entry and in its saved environment (environment.bz2, and so the binpkg and
# its BINPKGMD5), so a build whose compiles ran on distcc workers would differ
# from the same build without them in those files alone. Portage 3.0.83 does two
# things for FEATURES=distcc that the compiles need, and the hook does them
# instead when DISTCC_ZENTOO_CLIENT is set:
#   * doebuild_environment puts distcc's masquerade directory
#     (/usr/lib*/distcc/bin, or /usr/lib*/distcc) first on the ebuild's PATH,
#     so ${CHOST}-gcc runs distcc: here _doebuild_path, which it calls just
#     before, ends the same way;
#   * prepare_build_dirs makes DISTCC_DIR (default ${BUILD_PREFIX}/.distcc, with
#     lock/ and state/) group portage and group-writable, so the compiles under
#     FEATURES=userpriv share distcc's host locks: here the same, with Portage's
#     own helpers.
# The make jobs for the workers come from DISTCC_ZENTOO_MAKEOPTS, and only into
# the ebuild's environment (config.environ), not into Portage's settings: with
# MAKEOPTS unset there, doebuild_environment derives MAKEOPTS, GNUMAKEFLAGS
# (--load-average of the host's CPUs) and the binpkg compressor's threads
# (PORTAGE_COMPRESSION_COMMAND, saved in environment.bz2) as in a build
# without workers. (Zentoo's MAKEOPTS ends in -l, which lifts that load limit
# for make: the compiles load the workers, not this host.)
# Neither PATH, MAKEOPTS nor any DISTCC_* variable reaches environment.bz2:
# Portage saves it with --filter-path, unsets MAKEOPTS and "${!DISTCC_@}" there
# (save-ebuild-env.sh), while environ_whitelist_re passes DISTCC_* on to every
# phase. (Portage also
# lets DISTCC_DIR and DISTCC_LOG be written under FEATURES=sandbox; Zentoo's
# containers run with -sandbox -usersandbox.)
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


def _masquerade(settings):
    """distcc's masquerade directory where Portage looks for it, or None."""
    libdir = settings.get("LIBDIR_" + settings.get("DEFAULT_ABI", ""), "") or "lib"
    for lib in (libdir, "lib", "libexec"):
        masquerade = os.path.join(os.sep, settings.get("EPREFIX", "").lstrip(os.sep), "usr", lib, "distcc")
        for candidate in (os.path.join(masquerade, "bin"), masquerade):
            if os.path.isdir(candidate):
                return candidate
    return None


def _patch_doebuild_distcc(module):
    original = module._doebuild_path

    def doebuild_path(settings, *args, **kwargs):
        original(settings, *args, **kwargs)
        if "distcc" in settings.features:
            return
        masquerade = _masquerade(settings)
        if masquerade is None:
            sys.stderr.write("Warning: DISTCC_ZENTOO_CLIENT is set but no distcc masquerade directory"
                             " is in /usr/lib*/distcc/bin: compiles run here\n")
        elif not settings["PATH"].startswith(masquerade + ":"):
            settings["PATH"] = masquerade + ":" + settings["PATH"]

    module._doebuild_path = doebuild_path


def _patch_build_dirs_distcc(module):
    original = module._prepare_features_dirs

    def prepare_features_dirs(settings):
        original(settings)
        if "distcc" in settings.features:
            return
        from portage.data import portage_gid
        from portage.util import apply_recursive_permissions, ensure_dirs

        base = settings.get("DISTCC_DIR", "").strip() or os.path.join(settings["BUILD_PREFIX"], ".distcc")
        settings["DISTCC_DIR"] = base
        for path in (base, os.path.join(base, "lock"), os.path.join(base, "state")):
            ensure_dirs(path)
            apply_recursive_permissions(path, gid=portage_gid, dirmode=0o2070, dirmask=0o2,
                                        filemode=0o60, filemask=0o2)

    module._prepare_features_dirs = prepare_features_dirs


def _patch_config_distcc(module, makeopts):
    original = module.config.environ

    def environ(self):
        env = original(self)
        env["MAKEOPTS"] = makeopts
        return env

    module.config.environ = environ


def _patches():
    """The patches this container asks for, by module."""
    patches = {}
    epoch = _epoch()
    if epoch is not None:
        patches.setdefault("portage.package.ebuild.doebuild", []).append(lambda m: _patch_doebuild(m, epoch))
        patches.setdefault("portage.gpkg", []).append(lambda m: _patch_gpkg(m, epoch))
    if os.environ.get("DISTCC_ZENTOO_CLIENT"):
        patches.setdefault("portage.package.ebuild.doebuild", []).append(_patch_doebuild_distcc)
        patches.setdefault("portage.package.ebuild.prepare_build_dirs", []).append(_patch_build_dirs_distcc)
        makeopts = os.environ.get("DISTCC_ZENTOO_MAKEOPTS")
        if makeopts:
            patches.setdefault("portage.package.ebuild.config", []).append(
                lambda m: _patch_config_distcc(m, makeopts))
    return patches


_PATCHES = _patches()


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
                    for patch in _PATCHES[module.__name__]:
                        patch(module)

                spec.loader.exec_module = exec_module
                return spec
        return None


if _PATCHES:
    sys.meta_path.insert(0, _AfterImport())
