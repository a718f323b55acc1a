/**
 * The archiver: turns a stage (a root directory, or the tar stream of a container)
 * into a byte-reproducible {@code .tar.xz} or {@code .tar.zst}.
 *
 * <p>The contract is GNU tar's: the archive holds what {@code tar --format=posix
 * --xattrs --xattrs-include='*' --numeric-owner --sort=name --mtime=@EPOCH --clamp-mtime}
 * would write from the same tree (entries, types, modes with setuid/setgid/sticky,
 * numeric owners, symlink targets, hard links, device numbers, fifos, long names as pax
 * {@code path}/{@code linkpath}, xattrs as {@code SCHILY.xattr.*}), so GNU tar and
 * Gentoo's tools extract it as they would their own. What GNU tar would add and that
 * varies between runs is left out: atime and ctime, sub-second mtimes, user and group
 * names.
 *
 * <p>Compression uses every core and stays reproducible: xz in independent
 * fixed-size blocks ({@code XzBlocks}), zstd with its own workers; the thread count
 * never changes the bytes. {@link org.zentoo.archive.StageArchiver#excluding} drops
 * entries such as {@link org.zentoo.archive.ContainerLeftovers#DOCKER_PLACEHOLDERS}.
 *
 * <p>Requirements on the host, all optional:
 * <ul>
 *   <li>{@code getfattr} (package {@code attr}) to read {@code security.*},
 *       {@code trusted.*} and {@code system.*} xattrs of a root directory; Java alone
 *       only sees {@code user.*}. Tar streams carry their xattrs themselves.</li>
 *   <li>root, to read every file of a stage and to see {@code trusted.*}.</li>
 *   <li>{@code xz} (XZ Utils) only for {@link org.zentoo.archive.StageArchiver#withSystemXz};
 *       its bytes then depend on the XZ Utils version.</li>
 *   <li>a UTF-8 locale when a root holds non-ASCII file names, because Java decodes
 *       names with the locale's charset; a name it cannot decode is an error.</li>
 * </ul>
 *
 * <p>Nothing here knows Maven or Docker: {@link org.zentoo.archive.StageArchiver} is the
 * entry point for both the engine and {@code zentoo:pack}.
 */
package org.zentoo.archive;
