# Zentoo test fixture, not a real package: forty generated C units built by make
# with plain gcc (see eclass/zentoo-units.eclass), so each compile can go to a
# distcc worker. Each unit is heavy enough at -O2 that a parallel make keeps
# several workers busy for a while.
EAPI=8

inherit zentoo-units

DESCRIPTION="Zentoo test fixture: many compile units for distcc"
HOMEPAGE="https://zentoo.invalid/fixture"
S="${WORKDIR}/${P}"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64 arm64"

ZENTOO_UNITS=40
ZENTOO_UNITS_PROGRAM=many-units

src_unpack() {
	mkdir -p "${S}" || die
	cd "${S}" || die
	zentoo-units_generate
}

src_compile() {
	zentoo-units_compile
}

src_install() {
	dobin many-units
}
