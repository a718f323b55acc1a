# Zentoo test fixture, not a real package: a build that is not reproducible. It
# writes the time of its build (date, in nanoseconds) into the file it installs,
# so zentoo:rebuild-check must name that file.
EAPI=8

DESCRIPTION="Zentoo test fixture: embeds the time of its build"
HOMEPAGE="https://zentoo.invalid/fixture"
S="${WORKDIR}"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64 arm64"

src_install() {
	date +%s%N > "${T}/built-at" || die
	insinto /usr/share/clock
	doins "${T}/built-at"
}
