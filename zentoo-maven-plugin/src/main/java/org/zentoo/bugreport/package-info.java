/**
 * A bug report for one package whose build failed, as Gentoo's bug tracker asks for it
 * and with what only Zentoo knows: {@code target/zentoo/bugreports/<machine>/<cat>/<pf>/}.
 *
 * <p>The failed build's container writes what only it can see ({@link CollectedFiles}):
 * {@code emerge --info} and {@code emerge -pqv} of the package, the complete
 * {@code build.log} and {@code environment}, the ebuild and Portage's explain answer.
 * The pipeline then adds its {@link ReportSection}s in the order it passes them
 * (die message, rendered /etc/portage, explain, pinned inputs, reproduce.sh, and
 * README.txt last, which lists what the others wrote), and {@link ReportPacker}
 * packs the directory as {@code bugreport-<machine>-<cat>-<pf>.tar.gz}.
 *
 * <p>Two promises. The tarball is reproducible: entries sorted, mtimes clamped to a
 * fixed instant, numeric owners, gzip without name or time. It holds no secret, by
 * construction: only the names the collector and the sections declare are packed
 * (a stray file such as a copied key is left out), and every packed file is screened
 * for the site's secret values (settings.xml passwords and passphrases, the signing
 * key's passphrase and armored key lines), which are replaced before packing.
 * This package knows nothing of Maven or Docker.
 */
package org.zentoo.bugreport;
