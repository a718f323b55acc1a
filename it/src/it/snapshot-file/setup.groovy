// Packs the fixture repository as a snapshot tarball, signs it with a key made
// here, and points the site and the pom at the test stage and that key.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def run = { List cmd -> fixture.run(cmd, [dir: basedir]) }
def image = new File(testStageImageFile).text.trim()
def siteConf = new File(basedir, 'config/site.conf')
siteConf.text = siteConf.text.replace('@testStage@', image)

def work = new File(basedir, 'target/snapshot')
work.mkdirs()
def gnupg = new File(work, 'gnupg')
gnupg.mkdirs()
run(['chmod', '700', gnupg.path])
def home = "--homedir=${gnupg.path}"
run(['gpg', home, '--batch', '--pinentry-mode', 'loopback', '--passphrase', '', '--quick-gen-key',
     'Zentoo IT Snapshots <snapshots@zentoo.invalid>', 'ed25519', 'sign', '1d'])
def fingerprint = run(['gpg', home, '--batch', '--with-colons', '--list-keys']).readLines()
        .find { it.startsWith('fpr:') }.split(':')[9]
run(['bash', '-c', "gpg ${home} --batch --export > '${work.path}/keyring.gpg'"])
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('@snapshotFingerprint@', fingerprint)

// As Gentoo packs its snapshots: one top-level directory holding the repository.
def repo = new File(basedir, '../../../stage/repo').canonicalPath
def top = new File(work, 'pack/zentoo-test-20260101')
top.parentFile.mkdirs()
run(['cp', '-r', repo, top.path])
new File(top, 'metadata/zentoo-it-snapshot').text = 'from the snapshot tarball\n'
def tarball = new File(work, 'zentoo-test-20260101.tar.xz')
run(['tar', '-C', new File(work, 'pack').path, '--owner=0', '--group=0', '-cJf', tarball.path, 'zentoo-test-20260101'])
run(['gpg', home, '--batch', '--detach-sign', '--output', tarball.path + '.gpgsig', tarball.path])

['docker', 'volume', 'ls', '-q', '--filter', 'name=zentoo-it-snapfile-repos-'].execute().text.readLines().each {
    ['docker', 'volume', 'rm', '-f', it].execute().waitFor()
}
return true
