# Zentoo test fixture, not a real package: the release before app-misc/broken-1.0,
# which builds. A site that locked it, then took 1.0, has a last good instance
# to compare the failure with. Tests that want the failure ask for 1.0 (the
# newest version, which emerge picks).
EAPI=8

DESCRIPTION="Zentoo test fixture: the last release of app-misc/broken that builds"
HOMEPAGE="https://zentoo.invalid/fixture"
S="${WORKDIR}"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64"

src_compile() {
	echo "broken 0.9 builds" > broken.txt || die
}

src_install() {
	insinto /usr/share/broken
	doins broken.txt
}
