# Zentoo test fixture, not a real package: hardlinks and a path longer than
# the 100 bytes of a plain tar header.
EAPI=8

DESCRIPTION="Zentoo test fixture: hardlinks and long paths"
HOMEPAGE="https://zentoo.invalid/fixture"
S="${WORKDIR}"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64 arm64"

LONGDIR="/usr/share/links/a-directory-name-that-is-long-enough/to-push-the-whole-path/past-one-hundred-bytes-of-ustar"

src_install() {
	dodir "${LONGDIR}"
	echo "long path" > "${ED}${LONGDIR}/a-file-with-a-long-name-as-well.txt" || die
	dodir /usr/share/links
	echo "shared inode" > "${ED}/usr/share/links/first" || die
	ln "${ED}/usr/share/links/first" "${ED}/usr/share/links/second" || die
	dosym first /usr/share/links/symlink
}
