# Zentoo test fixture, not a real package: its build always fails, so tests can
# see how a failed compile is reported.
EAPI=8

DESCRIPTION="Zentoo test fixture: a package whose compile fails on purpose"
HOMEPAGE="https://zentoo.invalid/fixture"
S="${WORKDIR}"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64"

src_compile() {
	echo "broken.c:1:1: error: this fixture fails on purpose"
	die "fixture compile failed on purpose"
}
