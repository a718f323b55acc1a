// Failures name what is missing; freshroot sees the machine's config and binpkgs,
// and its store refuses writes. Each invocation is checked against its own log
// (-l in invoker.properties). Checks compute a boolean first: a failing power
// assert would print a whole log.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def prefix = fixture.volumePrefix('errors')
def logs = new File(basedir, 'target/zentoo/logs')
def log = { String name ->
    def f = new File(basedir, "build-${name}.log")
    assert f.isFile() : "${f.name} is missing: the invocation did not run"
    f.text
}
def errorsOf = { String text -> text.readLines().findAll { it.startsWith('[ERROR]') }.join('\n') }

// 1. web01 built and assembled.
def install = log('1-install')
boolean installed = install.contains('[INFO] BUILD SUCCESS') && new File(basedir, 'target/zentoo/stages/stage3-web01.tar.zst').isFile()
assert installed : 'web01 was built and assembled'

// 2. Assembly from binpkgs alone: web02 wants hello without greeting, the store has
// only web01's variant, so Portage refuses, and Zentoo says which USE was needed.
def assemble = new File(logs, 'web02-assemble.log').text
assert assemble.contains('app-misc/hello-1.0::zentoo-test (masked by: use flag configuration mismatch)')
assert assemble.contains('[zentoo] needed: [ebuild  N     ] app-misc/hello-1.0::zentoo-test  USE="colour -greeting"')
assert !assemble.contains('>>> Emerging (') : 'assembly never compiles'
boolean named = errorsOf(log('2-assemble')).contains('no binary package with the USE this machine needs for app-misc/hello-1.0::zentoo-test')
assert named : 'the Maven error names the package and the USE'
assert !new File(basedir, 'target/zentoo/stages/stage3-web02.tar.zst').exists() : 'no stage from a failed assembly'

// 3. A KERNEL that does not exist fails with the atom in the message.
boolean atom = errorsOf(log('3-kernel')).contains('KERNEL="sys-kernel/no-such-kernel" could not be built or installed')
assert atom : 'the Maven error names the KERNEL atom'
assert !new File(basedir, 'target/zentoo/kernels/kernel-badkernel.tar.zst').exists()

// What freshroot's container printed in one invocation: its tagged lines of build.log.
def container = { String tag ->
    def tagPrefix = "[${tag}] "
    new File(basedir, 'build.log').readLines().findAll { it.startsWith(tagPrefix) }*.substring(tagPrefix.length())
}

// 4. freshroot ran the command in web01's environment and succeeded. Inside the
// container, the write to the store failed with the kernel's read-only error;
// Portage saw web01's hello binpkg.
assert log('4-freshroot').contains('[INFO] BUILD SUCCESS')
def freshroot = container('freshroot-4')
boolean refused = freshroot.contains("touch: cannot touch '/var/cache/binpkgs/.zentoo-it-probe': Read-only file system") &&
        freshroot.contains('the write to the store exited 1')
assert refused : 'the write to the store from inside freshroot was not refused as read-only'
boolean variant = freshroot.any { it.contains('app-misc/hello-1.0-1::zentoo-test  USE="colour greeting') }
assert variant : 'freshroot printed web01 hello variant'
// 5. With -Dzentoo.freshroot.writable=true the same write succeeds.
assert log('5-freshroot-writable').contains('[INFO] BUILD SUCCESS')
def writable = container('freshroot-5')
boolean written = writable.contains('the write to the store exited 0') && !writable.any { it.startsWith('touch: ') }
assert written : 'the probe wrote nothing to a writable store'

// 6. A failing ebuild: the compiler's own error line reaches the Maven failure message.
def errors = errorsOf(log('6-broken'))
boolean step = errors.contains('[broken] build failed: exit code 1')
assert step : 'the failure names machine and step'
boolean tail = errors.contains('[zentoo] last lines of /var/tmp/portage/app-misc/broken-1.0/temp/build.log:')
assert tail : 'the failed package build.log is quoted'
boolean compiler = errors.contains('broken.c:1:1: error: this fixture fails on purpose')
assert compiler : 'the compiler error is in the message'
def left = fixture.dockerLines(['ps', '-a', '-q', '--filter', 'label=org.zentoo.site=org.zentoo.it:assemble-errors'])
assert left.isEmpty() : "containers left behind: ${left}"

fixture.removeVolumes(prefix)
return true
