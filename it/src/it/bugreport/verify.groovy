// A failed compile leaves a bug report with real content, packed reproducibly and
// without the site's secrets; zentoo:reproduce fails the same way. Checks compute a
// boolean first: a failing power assert would print a whole log.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def prefix = fixture.volumePrefix('bugreport')
def log = { String name ->
    def f = new File(basedir, "build-${name}.log")
    assert f.isFile() : "${f.name} is missing: the invocation did not run"
    f.text
}
def errorsOf = { String text -> text.readLines().findAll { it.startsWith('[ERROR]') }.join('\n') }
def tarName = 'bugreport-broken-app-misc-broken-1.0.tar.gz'
def tarball = new File(basedir, "target/zentoo/bugreports/${tarName}")
def report = new File(basedir, 'target/zentoo/bugreports/broken/app-misc/broken-1.0')
def file = { String name ->
    def f = new File(report, name)
    assert f.isFile() : "the bug report has no ${name}"
    f.text
}

// 1. The failure names the tar.gz.
boolean named = errorsOf(log('1')).contains("Bug report: ${tarball.canonicalPath}") ||
        errorsOf(log('1')).contains("Bug report: ${tarball.path}")
assert named : 'the Maven error names the bug report tarball'
assert tarball.isFile()

// 2. Each file of the report holds what a Gentoo bug needs.
assert file('emerge-info.txt').startsWith('Portage 3.0.83 (')
assert file('emerge-info.txt').contains('CHOST="x86_64-pc-linux-gnu"')
assert file('emerge-pqv.txt').contains('app-misc/broken-1.0')
assert file('build.log').contains('broken.c:1:1: error: this fixture fails on purpose')
assert file('environment').contains('src_compile ()')
def die = file('die.txt')
boolean dieOk = die.contains('phase: compile\n') && die.contains('die message: fixture compile failed on purpose\n') &&
        die.contains('ebuild line: broken-1.0.ebuild:14\n')
assert dieOk : "die.txt names phase, message and ebuild line:\n${die}"
assert file('ebuild').readLines()[13].contains('die "fixture compile failed on purpose"')
assert new File(report, 'etc-portage/make.profile').exists() || java.nio.file.Files.isSymbolicLink(new File(report, 'etc-portage/make.profile').toPath())
boolean origins = file('etc-portage/make.conf').contains('machines/broken')
assert origins : 'the rendered make.conf keeps its set-origin comments'
def explain = new groovy.json.JsonSlurper().parse(new File(report, 'explain.json'))
boolean explained = explain.packages.any { it.cpv == 'app-misc/broken-1.0' }
assert explained : "explain.json explains the package: ${explain.packages}"
def inputs = new Properties()
new File(report, 'inputs.properties').withReader { inputs.load(it) }
assert inputs.cpv == 'app-misc/broken-1.0' && inputs.machine == 'broken'
assert inputs.'seed.image'.startsWith('sha256:') && inputs.platform == 'linux/amd64' && inputs.chost == 'x86_64-pc-linux-gnu'
assert inputs.'snapshot.volume'.startsWith(prefix) && inputs.partition && inputs.'emerge.command'.contains('@world')
def readme = file('README.txt')
boolean summary = readme.contains('[zentoo-test overlay] app-misc/broken-1.0 - fails to build (compile phase): fixture compile failed on purpose')
assert summary : "README.txt gives the bug's summary line:\n${readme}"
assert readme.indexOf('emerge-info.txt') < readme.indexOf('Attach build.log')
def reproduce = file('reproduce.sh')
assert reproduce.contains('docker run --rm -it') && reproduce.contains(inputs.'seed.image') && reproduce.contains("=app-misc/broken-1.0")

// 3. Two failures, two tarballs of the same bytes.
def second = new File(basedir, "target/zentoo-2/bugreports/${tarName}")
boolean same = second.isFile() && second.bytes == tarball.bytes
assert same : "${tarball} and ${second} differ"

// 4. No secret in it: GNU tar unpacks it, and no settings.xml value is in any file,
// though the machine's make.conf put one into the build's environment.
def unpacked = new File(basedir, 'target/unpacked')
unpacked.mkdirs()
def tar = ['tar', '-xzf', tarball.path, '-C', unpacked.path].execute()
tar.waitFor()
assert tar.exitValue() == 0
def secrets = (new File(itSettingsFile).text =~ /<password>([^<]+)<\/password>/).collect { it[1] }
assert secrets.contains('it-signing-passphrase-7c1d')
// and no line of the signing key (mounted into the failed container at /run/zentoo/signing)
def keyLines = new File(basedir, 'target/keys/secret.asc').readLines()*.trim()
        .findAll { it.length() >= 16 && !it.startsWith('-----') }
assert keyLines.size() > 2
def leaks = []
unpacked.eachFileRecurse(groovy.io.FileType.FILES) { f ->
    if (java.nio.file.Files.isSymbolicLink(f.toPath())) {
        return // etc-portage/make.profile points into the container's repository
    }
    (secrets + keyLines).each { s -> if (f.text.contains(s)) leaks << "${f} holds ${s}" }
}
assert leaks.isEmpty() : leaks.join('\n')
boolean removed = new File(unpacked, 'broken-1.0/environment').text.contains('ZENTOO_IT_TOKEN=[secret removed by Zentoo]') ||
        new File(unpacked, 'broken-1.0/environment').text.contains('[secret removed by Zentoo]')
assert removed : 'the secret reached the build environment and was replaced'
def listing = ['tar', '-tzf', tarball.path].execute().text.readLines()
assert listing.every { it.startsWith('./broken-1.0/') || it == './' } : listing

// 5. zentoo:reproduce failed again at the same phase with the same die message, and ran the command there.
def replay = log('3-reproduce')
boolean reproduced = replay.contains('reproduced: app-misc/broken-1.0 failed again in the compile phase with the same die message: fixture compile failed on purpose') &&
        replay.contains('[INFO] BUILD SUCCESS')
assert reproduced : 'zentoo:reproduce says it failed the same way'
boolean probed = new File(basedir, 'build.log').readLines().any { it.startsWith('[reproduce-probe] ') && it.contains('build.log') }
assert probed : 'the command ran in the container at the failure'

def left = fixture.dockerLines(['ps', '-a', '-q', '--filter', 'label=org.zentoo.site=org.zentoo.it:bugreport'])
assert left.isEmpty() : "containers left behind: ${left}"
fixture.removeVolumes(prefix)
return true
