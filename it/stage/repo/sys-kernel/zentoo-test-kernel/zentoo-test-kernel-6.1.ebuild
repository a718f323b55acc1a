# Zentoo test fixture: a real, bootable kernel (Debian bookworm's 6.1.0-50-amd64
# or 6.1.0-50-arm64, from linux-image-6.1.0-50-${ARCH}, pinned by sha256 in
# it/stage/build-stage.sh, which keeps vmlinuz, System.map, config and a few
# modules of each as this package's distfiles). On arm64 vmlinuz is Debian's
# uncompressed Image with its EFI stub, which qemu-system-aarch64 -kernel boots.
# What is fixture here, not kernel-build.eclass:
# - nothing is compiled into the kernel: vmlinuz and the modules are Debian's
#   binaries as they are. The generated C units below are compiled (and thrown
#   away) only so that a kernel build has compile jobs for distcc;
# - /boot/config-* is Debian's config with each /etc/kernel/config.d/*.config
#   fragment merged over it in name order, as merge_config.sh does (a later
#   setting of a symbol replaces an earlier one). No Kconfig is resolved (what
#   olddefconfig would do), and a fragment changes the file, not the kernel;
# - of the modules in the distfile, one is installed only while the merged
#   config has its symbol =m (=y would build it in, unset leaves it out);
# - no depmod runs (the test stage has no kmod), so there is no modules.dep.
EAPI=8

inherit zentoo-units

DESCRIPTION="Zentoo test fixture: Debian's 6.1 kernel, installed as a dist-kernel is"
HOMEPAGE="https://packages.debian.org/bookworm/linux-image-amd64"
KV_ABI="6.1.0-50"
SRC_URI="
	amd64? ( https://distfiles.zentoo.invalid/linux-${KV_ABI}-amd64-debian.tar.gz )
	arm64? ( https://distfiles.zentoo.invalid/linux-${KV_ABI}-arm64-debian.tar.gz )
"
S="${WORKDIR}"
LICENSE="GPL-2"
SLOT="${PV}"
KEYWORDS="amd64 arm64"
IUSE="debug"

# Debian's flavour name is the Gentoo ARCH for both fixture architectures.
pkg_setup() {
	KV="${KV_ABI}-${ARCH}"
}

ZENTOO_UNITS=12
ZENTOO_UNITS_PROGRAM=kbuild-standin

# Module (path under /lib/modules/${KV}/kernel) and the config symbol that builds it.
MODULES=(
	"drivers/net/dummy.ko CONFIG_DUMMY"
	"drivers/net/virtio_net.ko CONFIG_VIRTIO_NET"
	"drivers/net/net_failover.ko CONFIG_NET_FAILOVER"
	"net/core/failover.ko CONFIG_FAILOVER"
)

src_unpack() {
	default
	mkdir -p "${S}/units" || die
	cd "${S}/units" || die
	zentoo-units_generate
}

src_compile() {
	{
		cat "boot/config-${KV}"
		use debug && echo "CONFIG_DEBUG_KERNEL=y"
		local f
		for f in "${BROOT}"/etc/kernel/config.d/*.config; do
			[[ -f ${f} ]] || continue
			grep -E '^(CONFIG_[A-Za-z0-9_]+=|# CONFIG_[A-Za-z0-9_]+ is not set)' "${f}"
		done
	} > config.in || die
	# Last setting wins, each symbol once, in the order it first appeared.
	awk '/^(CONFIG_[A-Za-z0-9_]+=|# CONFIG_[A-Za-z0-9_]+ is not set)/ && match($0, /CONFIG_[A-Za-z0-9_]+/) {
			sym = substr($0, RSTART, RLENGTH)
			if (!(sym in line)) order[++n] = sym
			line[sym] = $0
		}
		END { for (i = 1; i <= n; i++) print line[order[i]] }' config.in > config || die
	pushd units >/dev/null || die
	zentoo-units_compile
	popd >/dev/null || die
}

src_install() {
	insinto /boot
	doins "boot/vmlinuz-${KV}" "boot/System.map-${KV}"
	newins config "config-${KV}"
	local m=/lib/modules/${KV}
	insinto "${m}"
	doins "lib/modules/${KV}"/modules.{order,builtin,builtin.modinfo}
	local entry path sym
	for entry in "${MODULES[@]}"; do
		read -r path sym <<<"${entry}"
		grep -q "^${sym}=m$" config || continue
		insinto "${m}/kernel/${path%/*}"
		doins "lib/modules/${KV}/kernel/${path}"
	done
}
