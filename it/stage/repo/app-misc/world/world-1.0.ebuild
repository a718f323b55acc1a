# Zentoo test fixture, not a real package: depends on hello at run time.
EAPI=8

DESCRIPTION="Zentoo test fixture: world, which needs hello"
HOMEPAGE="https://zentoo.invalid/fixture"
S="${WORKDIR}"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64 arm64"

RDEPEND="app-misc/hello"

src_install() {
	exeinto /usr/bin
	newexe - hello-world <<-'EOT'
	#!/bin/sh
	exec hello world
	EOT
	newinitd - hello-world <<-'EOT'
	#!/sbin/openrc-run
	# Zentoo test fixture service: lets tests enable a service in a stage.
	command=/usr/bin/hello-world
	EOT
	# The same service for systemd machines (systemd_dounit's directory).
	insinto /usr/lib/systemd/system
	newins - hello-world.service <<-'EOT'
	# Zentoo test fixture service: lets tests enable a service in a stage.
	[Unit]
	Description=Zentoo test fixture: hello world
	[Service]
	Type=oneshot
	ExecStart=/usr/bin/hello-world
	[Install]
	WantedBy=multi-user.target
	EOT
}
