# Zentoo test fixture, not a real package: it installs nothing but its flags,
# and its IUSE meets every layer of the fixture profile default/linux/amd64/masks
# (IUSE defaults, make.defaults, package.use, use.mask, use.force, their package
# and stable forms).
EAPI=8

DESCRIPTION="Zentoo test fixture: a package for every USE layer"
HOMEPAGE="https://zentoo.invalid/fixture"
SRC_URI=""
S="${WORKDIR}"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64 arm64"
IUSE="+alpha beta gamma +delta epsilon zeta eta theta iota kappa lambda mu"

src_install() {
	local f
	for f in alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu; do
		if use "${f}"; then echo "${f}"; fi
	done > flags.txt || die
	insinto /usr/share/layered
	doins flags.txt
}
