# Zentoo test fixture, not a real package: exactly one of its two flags must be
# on (REQUIRED_USE), so tests can see how a violated constraint is reported. It
# compiles nothing; it installs a text file naming the flag it was built with.
EAPI=8

DESCRIPTION="Zentoo test fixture: choosy, which wants exactly one of a and b"
HOMEPAGE="https://zentoo.invalid/fixture"
S="${WORKDIR}"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64 arm64"
IUSE="+a b"
REQUIRED_USE="^^ ( a b )"

src_install() {
	insinto /usr/share/choosy
	local f
	for f in a b; do
		if use "${f}"; then echo "${f}"; fi
	done > flags.txt || die
	doins flags.txt
}
