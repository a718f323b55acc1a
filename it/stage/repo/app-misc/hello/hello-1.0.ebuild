# Zentoo test fixture, not a real package: a small C program whose installed
# files depend on its USE flags, so tests can tell the variants apart.
EAPI=8

DESCRIPTION="Zentoo test fixture: hello, built from a generated distfile"
HOMEPAGE="https://zentoo.invalid/fixture"
SRC_URI="https://distfiles.zentoo.invalid/${P}.tar.gz"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64 arm64"
IUSE="greeting +colour l10n_de l10n_fr"

inherit toolchain-funcs

src_compile() {
	local defs=()
	use greeting && defs+=( -DGREETING )
	use colour && defs+=( -DCOLOUR )
	echo "$(tc-getCC)" ${CFLAGS} ${LDFLAGS} "${defs[@]}" -o hello hello.c
	"$(tc-getCC)" ${CFLAGS} ${LDFLAGS} "${defs[@]}" -o hello hello.c || die "compile failed"
}

src_install() {
	dobin hello
	insinto /usr/share/hello
	local f
	for f in greeting colour l10n_de l10n_fr; do
		if use "${f}"; then echo "${f}"; fi
	done > flags.txt || die
	doins flags.txt
	if use greeting; then
		doins greeting.txt
	fi
	use l10n_de && doins de.txt
	use l10n_fr && doins fr.txt
}
