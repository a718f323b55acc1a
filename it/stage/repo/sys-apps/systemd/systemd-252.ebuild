# Zentoo test fixture: systemd's own systemctl and manager binary, installed from
# the Debian package that debootstrap fetched for the test base (the stage keeps
# systemd's libraries, not systemd). A machine with this package in its world is
# a systemd machine to zentoo:assemble, which then enables its services with a
# real `systemctl enable`, offline, in the assembled root.
EAPI=8

DESCRIPTION="Zentoo test fixture: systemctl and systemd, from Debian's build"
HOMEPAGE="https://systemd.io/"
SRC_URI="https://distfiles.zentoo.invalid/${P}-debian.deb"
S="${WORKDIR}"
# systemd is mostly LGPL-2.1+; the fixture repository carries GPL-2 and MIT only.
LICENSE="GPL-2"
SLOT="0"
KEYWORDS="amd64 arm64"

src_unpack() {
	ar x "${DISTDIR}/${A}" data.tar.xz || die
	tar -xJf data.tar.xz ./bin/systemctl ./lib/systemd/systemd || die
	rm data.tar.xz || die
}

src_install() {
	dobin bin/systemctl
	exeinto /usr/lib/systemd
	doexe lib/systemd/systemd
	# Debian builds systemctl with SysV compatibility: enabling a unit that also
	# has an /etc/init.d script (fixture packages install both, as Gentoo's do)
	# calls this hook. Gentoo's systemd has no such compatibility; the fixture's
	# hook does nothing.
	newexe - systemd-sysv-install <<-'EOT'
	#!/bin/sh
	# Zentoo test fixture: no SysV compatibility, as in Gentoo's systemd.
	exit 0
	EOT
	keepdir /etc/systemd/system
}
