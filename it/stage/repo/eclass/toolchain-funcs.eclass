# Zentoo test fixture, not ::gentoo's eclass of this name: only the compiler
# lookups the fixture ebuilds use, with the same rule as the real tc-getCC, so
# a fixture build calls ${CHOST}-gcc (or CC/CXX from make.conf) as a real
# ebuild does. The test stage provides x86_64-pc-linux-gnu-gcc and
# x86_64-zentoo-linux-gnu-gcc as links to Debian's gcc (see it/README.md).
# @FUNCTION: tc-getCC
# The C compiler: CC if set, else ${CHOST}-gcc.
# @FUNCTION: tc-getCXX
# The C++ compiler: CXX if set, else ${CHOST}-g++.

case ${EAPI} in
	8) ;;
	*) die "${ECLASS}: EAPI ${EAPI} unsupported" ;;
esac

tc-getCC() {
	[[ -n ${CHOST} ]] || die "tc-getCC: CHOST is not set"
	echo "${CC:-${CHOST}-gcc}"
}

tc-getCXX() {
	[[ -n ${CHOST} ]] || die "tc-getCXX: CHOST is not set"
	echo "${CXX:-${CHOST}-g++}"
}
