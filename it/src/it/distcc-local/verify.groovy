// Two workers on a bridge network: both compiled, the binpkg works, the kernel
// compiled on workers too, nothing is left.
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
def logs = new File(basedir, 'target/zentoo/logs')
def build = new File(basedir, 'build.log').text

def workerLogs = logs.listFiles().findAll { it.name.startsWith('dist01-build-distccd-') }
assert workerLogs.size() == 2 : "one distccd log per worker: ${logs.list()}"
workerLogs.each { log ->
    assert support.completedJobs(log) > 0 : "${log.name} shows no compile job:\n${log.text}"
}
assert workerLogs.sum { support.completedJobs(it) } >= 40 : 'every unit compiled on a worker'

// The summary counts from distcc's client log: all 41 compiles (40 units and main.c) went out.
def summary = build.readLines().find { it.contains('distcc: ') && it.contains('compile jobs remote') }
assert summary != null : 'the build reports where compiles ran'
assert summary =~ /distcc: 41 compile jobs remote \(.*\), 0 local/ : summary

// The test stage has no distcc, like gentoo/stage3: Zentoo emerged the fixture
// sys-devel/distcc into the machine's partition and committed the result as the
// image the workers and the build ran from.
def made = build.readLines().find { it.contains('[dist01] making distcc image zentoo/distcc:') }
assert made != null : 'the build says it made the distcc image'
def image = (made =~ /(zentoo\/distcc:[0-9a-f]{24})/)[0][1]
def labels = support.sh(['docker', 'image', 'inspect', '-f',
        '{{index .Config.Labels "org.zentoo.distcc.store"}} {{index .Config.Labels "org.zentoo.owner"}} {{json .Config.Env}}',
        image])
assert labels.exit == 0 : labels.err
def (store, owner) = labels.out.trim().split(' ', 3)
assert store == 'zentoo-it-distcc-local-binpkgs' && owner == 'image' : labels.out
boolean leakedBuildVariables = labels.out.contains('PKGDIR') || labels.out.contains('buildpkg')
assert !leakedBuildVariables : "the worker image keeps the derivation's variables: ${labels.out}"
def inImage = support.sh(['docker', 'run', '--rm', image, 'bash', '-c',
        'command -v distccd && grep -c . /var/db/pkg/sys-devel/distcc-3.4/CONTENTS; cat /var/lib/portage/world 2>/dev/null | grep -c distcc || true'])
assert inImage.exit == 0 : inImage.out + inImage.err
def (distccd, contents, inWorld) = inImage.out.trim().readLines()
assert distccd == '/usr/bin/distccd' && (contents as int) > 5 : inImage.out
assert inWorld == '0' : 'emerge --oneshot: distcc stays out of the world file'
// The toolchain is the seed's: the same gcc, configured the same way.
def gccOf = { String img -> support.sh(['docker', 'run', '--rm', img, 'gcc', '-v']).with { it.out + it.err } }
def seedGcc = gccOf(new File(testStageImageFile).text.trim())
assert seedGcc.contains('gcc version') && gccOf(image) == seedGcc : "gcc differs between the seed and ${image}"
def binpkg = support.sh(['docker', 'run', '--rm', '-v', 'zentoo-it-distcc-local-binpkgs:/var/cache/binpkgs:ro',
        new File(testStageImageFile).text.trim(), 'find', '/var/cache/binpkgs', '-path', '*/sys-devel/distcc/distcc-3.4-*.gpkg.tar'])
assert binpkg.out.readLines().size() == 1 : "distcc's binpkg in the partition: ${binpkg.out}${binpkg.err}"

def run = support.runBinpkg(testStageImageFile, 'zentoo-it-distcc-local')
assert run.exit == 0 : run.out + run.err
assert run.out.trim() == 'many-units: 40 units, sum 1309' : run.out

// zentoo:kernel compiled the kernel's twelve units (and its main) on workers of
// its own, started from the same distcc image, and packed the kernel.
def kernelRow = build.readLines().find { it.contains('kernel-dist01.tar') && it.contains(' OK ') }
assert kernelRow != null : 'the kernel summary row'
assert kernelRow =~ /compiled, kernel-dist01\.tar\.\w+ \d+ KiB; distcc: 13 compile jobs remote \(.*\), 0 local/ : kernelRow
def kernelWorkers = logs.listFiles().findAll { it.name.startsWith('dist01-kernel-distccd-') }
assert kernelWorkers.size() == 2 && kernelWorkers.sum { support.completedJobs(it) } >= 12 : "${logs.list()}"
assert build.contains("[dist01] distcc image ${image} (made earlier)") : 'the kernel reused the distcc image'
def kernelTar = new File(basedir, 'target/zentoo/kernels').listFiles().find { it.name.startsWith('kernel-dist01.tar') }
assert kernelTar != null && kernelTar.length() > 0

assert support.leftovers('org.zentoo.it:distcc-local').isEmpty() : 'workers and their network are removed'
support.removeStore('zentoo-it-distcc-local')
return true
