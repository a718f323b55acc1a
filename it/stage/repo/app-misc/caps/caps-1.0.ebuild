# Zentoo test fixture, not a real package: a setuid binary and a file with a
# security.capability xattr, for the archiver's tests.
EAPI=8

DESCRIPTION="Zentoo test fixture: setuid and file capabilities"
HOMEPAGE="https://zentoo.invalid/fixture"
S="${WORKDIR}"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64 arm64"

inherit toolchain-funcs

src_compile() {
	printf 'int main(void) { return 0; }\n' > caps.c || die
	"$(tc-getCC)" ${CFLAGS} ${LDFLAGS} -o caps-suid caps.c || die
	cp caps-suid caps-ping || die
}

src_install() {
	dobin caps-suid caps-ping
	fperms 4711 /usr/bin/caps-suid
}

pkg_postinst() {
	# As fcaps.eclass does: capabilities are set at merge time, so they also
	# apply when the package comes from a binpkg.
	setcap cap_net_raw+ep "${EROOT}/usr/bin/caps-ping" || die "setcap failed"
}
