// Failures name what is missing; freshroot sees the machine's config and binpkgs.
// Checks compute a boolean first: a failing power assert would print all of build.log.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def prefix = fixture.volumePrefix('errors')
def logs = new File(basedir, 'target/zentoo/logs')
def buildLog = new File(basedir, 'build.log').text
def errors = buildLog.readLines().findAll { it.startsWith('[ERROR]') }.join('\n')

// Assembly from binpkgs alone: web02 wants hello without greeting, the store has
// only web01's variant, so Portage refuses, and Zentoo says which USE was needed.
def assemble = new File(logs, 'web02-assemble.log').text
assert assemble.contains('app-misc/hello-1.0::zentoo-test (masked by: use flag configuration mismatch)')
assert assemble.contains('[zentoo] needed: [ebuild  N     ] app-misc/hello-1.0::zentoo-test  USE="colour -greeting"')
assert !assemble.contains('>>> Emerging (') : 'assembly never compiles'
boolean named = errors.contains('no binary package with the USE this machine needs for app-misc/hello-1.0::zentoo-test')
assert named : 'the Maven error names the package and the USE'
assert !new File(basedir, 'target/zentoo/stages/stage3-web02.tar.zst').exists() : 'no stage from a failed assembly'

// A KERNEL that does not exist fails with the atom in the message.
boolean atom = errors.contains('KERNEL="sys-kernel/no-such-kernel" could not be built or installed')
assert atom : 'the Maven error names the KERNEL atom'
assert !new File(basedir, 'target/zentoo/kernels/kernel-badkernel.tar.zst').exists()

// freshroot ran the command in web01's environment, with the store read-only.
boolean variant = buildLog.contains('app-misc/hello-1.0-1::zentoo-test  USE="colour greeting"')
assert variant : 'freshroot printed web01 hello variant'
boolean readOnly = buildLog.contains("type=volume,source=${prefix}-binpkgs,target=/var/cache/binpkgs,readonly")
assert readOnly : 'freshroot mounts the store read-only'

// A failing ebuild: the compiler's own error line reaches the Maven failure message.
boolean step = errors.contains('[broken] build failed: exit code 1')
assert step : 'the failure names machine and step'
boolean tail = errors.contains('[zentoo] last lines of /var/tmp/portage/app-misc/broken-1.0/temp/build.log:')
assert tail : 'the failed package build.log is quoted'
boolean compiler = errors.contains('broken.c:1:1: error: this fixture fails on purpose')
assert compiler : 'the compiler error is in the message'
def left = ['docker', 'ps', '-a', '-q', '--filter', 'label=org.zentoo.site=org.zentoo.it:assemble-errors'].execute().text.trim()
assert left.isEmpty() : "containers left behind: ${left}"

fixture.removeVolumes(prefix)
return true
