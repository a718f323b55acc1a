# Zentoo test fixture, not a real package: it builds without USE=bad and fails
# with it, so a test can tell a failure caused by a USE change from any other.
EAPI=8

DESCRIPTION="Zentoo test fixture: a package whose compile fails with USE=bad only"
HOMEPAGE="https://zentoo.invalid/fixture"
S="${WORKDIR}"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64"
IUSE="bad"

src_compile() {
	if use bad; then
		echo "flagfail.c:1:1: error: USE=bad breaks this fixture on purpose"
		die "fixture compile failed with USE=bad"
	fi
	echo "flagfail built without USE=bad" > flagfail.txt || die
}

src_install() {
	insinto /usr/share/flagfail
	doins flagfail.txt
}
