# Zentoo test fixture: real distcc 3.4, installed from the Debian package that
# debootstrap fetched for the test base (the stage itself has no distcc). It lets
# Zentoo's distcc worker image be derived the way it is from a gentoo/stage3:
# emerge sys-devel/distcc into the machine's binpkg partition.
EAPI=8

DESCRIPTION="Zentoo test fixture: distcc, from Debian's build of it"
HOMEPAGE="https://www.distcc.org/"
SRC_URI="https://distfiles.zentoo.invalid/${P}-debian.deb"
S="${WORKDIR}"
LICENSE="GPL-2"
SLOT="0"
KEYWORDS="amd64 arm64"

src_unpack() {
	ar x "${DISTDIR}/${A}" data.tar.xz || die
	tar -xJf data.tar.xz ./usr/bin || die
	rm data.tar.xz || die
}

src_install() {
	dobin usr/bin/distcc usr/bin/distccd usr/bin/distccmon-text
	# The masquerade directory: Portage puts it first on PATH under
	# FEATURES=distcc, and distccd runs only compilers that have a link here.
	# Debian's own names, and ${CHOST}-gcc/g++ for every CHOST of the fixture
	# profiles (default/linux/amd64, its alt-chost, default/linux/arm64), which
	# tc-getCC gives.
	local c
	for c in cc c++ gcc g++ gcc-12 g++-12 x86_64-linux-gnu-gcc x86_64-linux-gnu-g++ \
		x86_64-linux-gnu-gcc-12 x86_64-linux-gnu-g++-12 \
		x86_64-pc-linux-gnu-gcc x86_64-pc-linux-gnu-g++ \
		x86_64-zentoo-linux-gnu-gcc x86_64-zentoo-linux-gnu-g++ \
		aarch64-linux-gnu-gcc aarch64-linux-gnu-g++ aarch64-linux-gnu-gcc-12 aarch64-linux-gnu-g++-12 \
		aarch64-unknown-linux-gnu-gcc aarch64-unknown-linux-gnu-g++; do
		dosym -r /usr/bin/distcc /usr/lib/distcc/${c}
	done
}

pkg_postinst() {
	# distccd started as root gives up its privileges to this user.
	if ! getent passwd distccd >/dev/null; then
		useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin distccd || die
	fi
}
