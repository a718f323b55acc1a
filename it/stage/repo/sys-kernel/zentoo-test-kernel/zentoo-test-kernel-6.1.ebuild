# Zentoo test fixture, not a real kernel: installs the files a dist-kernel
# leaves behind, with a config made from /etc/kernel/config.d fragments, merged
# as merge_config.sh does (a later setting of a symbol replaces an earlier one),
# so tests can see fragments take effect. There is no Kconfig here: nothing
# checks that a symbol exists, and no dependency or default is resolved (what
# kernel-build.eclass's olddefconfig would do). Its
# "vmlinuz" is a program compiled from generated C units, so a kernel build has
# compile jobs for distcc.
EAPI=8

inherit zentoo-units

DESCRIPTION="Zentoo test fixture: a stand-in kernel"
HOMEPAGE="https://zentoo.invalid/fixture"
S="${WORKDIR}"
LICENSE="MIT"
SLOT="${PV}"
KEYWORDS="amd64"
IUSE="debug"

KV="${PV}.0-zentoo"
ZENTOO_UNITS=12
ZENTOO_UNITS_PROGRAM=vmlinuz

src_unpack() {
	mkdir -p "${S}/image" || die
	cd "${S}/image" || die
	zentoo-units_generate
}

src_compile() {
	{
		echo "CONFIG_64BIT=y"
		use debug && echo "CONFIG_DEBUG_KERNEL=y"
		local f
		for f in "${BROOT}"/etc/kernel/config.d/*.config; do
			[[ -f ${f} ]] || continue
			grep -E '^(CONFIG_[A-Za-z0-9_]+=|# CONFIG_[A-Za-z0-9_]+ is not set)' "${f}"
		done
	} > config.in || die
	# Last setting wins, each symbol once, in the order it first appeared.
	awk 'match($0, /CONFIG_[A-Za-z0-9_]+/) {
			sym = substr($0, RSTART, RLENGTH)
			if (!(sym in line)) order[++n] = sym
			line[sym] = $0
		}
		END { for (i = 1; i <= n; i++) print line[order[i]] }' config.in > config || die
	pushd image >/dev/null || die
	zentoo-units_compile
	popd >/dev/null || die
	cp image/vmlinuz vmlinuz || die
	echo "ffffffff81000000 T _stext" > System.map || die
}

src_install() {
	insinto /boot
	newins vmlinuz "vmlinuz-${KV}"
	newins System.map "System.map-${KV}"
	newins config "config-${KV}"
	insinto "/lib/modules/${KV}/kernel/drivers"
	if grep -q '^CONFIG_VIRTIO_NET=[ym]' config; then
		echo virtio_net > virtio_net.ko || die
		doins virtio_net.ko
	fi
	echo "fixture" > dummy.ko || die
	doins dummy.ko
	insinto "/lib/modules/${KV}"
	doins config
}
