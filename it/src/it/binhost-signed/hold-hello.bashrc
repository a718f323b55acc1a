# config-gate's Portage hook for app-misc/hello (binhost-signed, invocation 7).
# Portage sources /etc/portage/env/app-misc/hello in every phase of hello, its merge
# from a binpkg included. pre_pkg_setup holds the build there, in the middle of its
# emerge, until the test creates /tmp/zentoo-it-open in the build's container
# (running-build.sh); /tmp/zentoo-it-held tells the test it got there. Bounded:
# after 30 minutes the merge dies.
pre_pkg_setup() {
	touch /tmp/zentoo-it-held
	local waited=0
	while [[ ! -e /tmp/zentoo-it-open ]]; do
		(( waited < 1800 )) || die "binhost-signed: nobody created /tmp/zentoo-it-open in 1800 s"
		sleep 1
		waited=$((waited + 1))
	done
	einfo "binhost-signed: held for ${waited} s"
}
