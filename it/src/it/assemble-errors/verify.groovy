// Failures name what is missing; freshroot sees the machine's config and binpkgs.
def logs = new File(basedir, 'target/zentoo/logs')
def buildLog = new File(basedir, 'build.log').text

// Assembly from binpkgs alone: web02 wants hello without greeting, the store has
// only web01's variant, so Portage refuses, and Zentoo says which USE was needed.
def assemble = new File(logs, 'web02-assemble.log').text
assert assemble.contains('app-misc/hello-1.0::zentoo-test (masked by: use flag configuration mismatch)')
assert assemble.contains('[zentoo] needed: [ebuild  N     ] app-misc/hello-1.0::zentoo-test  USE="colour -greeting"')
assert !assemble.contains('>>> Emerging (') : 'assembly never compiles'
assert !new File(basedir, 'target/zentoo/stages/stage3-web02.tar.zst').exists() : 'no stage from a failed assembly'

// A KERNEL that does not exist fails with the atom in the message.
assert new File(logs, 'badkernel-kernel.log').text.contains('sys-kernel/no-such-kernel')
assert !new File(basedir, 'target/zentoo/kernels/kernel-badkernel.tar.zst').exists()

// freshroot ran the command in web01's environment, with the store read-only.
assert buildLog.contains('[binary   R    ] app-misc/hello-1.0-1::zentoo-test  USE="colour greeting"') ||
        buildLog.contains('[binary  N     ] app-misc/hello-1.0-1::zentoo-test  USE="colour greeting"') : 'freshroot output'
assert buildLog.contains('type=volume,source=zentoo-it-errors-binpkgs,target=/var/cache/binpkgs,readonly')

['binpkgs', 'distfiles', 'repos-seed'].each { suffix ->
    ['docker', 'volume', 'ls', '-q', '--filter', "name=zentoo-it-errors-${suffix}"].execute().text.readLines().each {
        ['docker', 'volume', 'rm', '-f', it].execute().waitFor()
    }
}
return true
