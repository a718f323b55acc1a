// The signing key (passphrase from settings.xml), config-b and config-c, a docker
// network of this project and nginx with WebDAV on its gateway (two ports, one
// access log each), then the URLs for the builds in .mvn/maven.config.
import groovy.xml.XmlSlurper
import java.nio.file.Files
import java.nio.file.StandardCopyOption

def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def binhost = evaluate(new File(basedir, 'binhost.groovy'))

// Standard output alone is the result: gpg's notes on stderr must not get into an exported key.
def run = { List<Object> cmd, String input = null -> fixture.run(cmd, [dir: basedir, input: input]) }

// Leftovers of an earlier, failed run of this project first.
binhost.cleanup()
def site = new File(basedir, 'config/site.conf')
site.text = site.text.replace('@testStage@', fixture.testStage())
def sets = new File(basedir, 'config/sets/fixture')
sets.mkdirs()
new File(fixtureSetDirectory).eachFile { f ->
    Files.copy(f.toPath(), new File(sets, f.name).toPath(), StandardCopyOption.REPLACE_EXISTING)
}
['b': 'app-misc/hello greeting l10n_de', 'c': 'app-misc/hello greeting l10n_fr'].each { variant, line ->
    def copy = new File(basedir, "config-${variant}")
    copy.deleteDir()
    run(['cp', '-a', new File(basedir, 'config').path, copy.path])
    new File(copy, 'sets/hello-use/package.use').text = line + '\n'
}
// config-gate (invocation 7): m1's config, with a Portage hook that holds hello's merge.
def gate = new File(basedir, 'config-gate')
gate.deleteDir()
run(['cp', '-a', new File(basedir, 'config').path, gate.path])
def hook = new File(gate, 'sets/hello-use/env/app-misc/hello')
hook.parentFile.mkdirs()
hook.text = new File(basedir, 'hold-hello.bashrc').text

// The key: ed25519, protected by the passphrase of the settings.xml server zentoo-it-signing.
def servers = new XmlSlurper().parse(new File(itSettingsFile)).servers.server
def passphrase = servers.find { it.id.text() == 'zentoo-it-signing' }.password.text()
def keys = new File(basedir, 'target/keys')
keys.deleteDir()
def home = new File(keys, 'gnupg')
home.mkdirs()
run(['chmod', '700', home.path])
def pp = new File(keys, 'passphrase')
pp.text = passphrase
run(['gpg', '--homedir', home.path, '--batch', '--pinentry-mode', 'loopback', '--passphrase-file', pp.path,
     '--quick-gen-key', 'Zentoo IT binhost <binhost@zentoo.invalid>', 'ed25519', 'sign', '1d'])
def fpr = run(['gpg', '--homedir', home.path, '--batch', '--with-colons', '--list-keys']).readLines()
        .find { it.startsWith('fpr:') }.split(':')[9]
new File(keys, 'secret.asc').text = run(['gpg', '--homedir', home.path, '--batch', '--pinentry-mode', 'loopback',
        '--passphrase-file', pp.path, '--armor', '--export-secret-keys', fpr])
new File(keys, 'fingerprint').text = fpr
run(['gpgconf', '--homedir', home.path, '--kill', 'all'])
pp.delete()

def dav = servers.find { it.id.text() == 'zentoo-it-dav' }
def gateway = binhost.network()
def ports = (1..2).collect { new ServerSocket(0, 1, InetAddress.getByName(gateway)).withCloseable { it.localPort } }
Runtime.runtime.addShutdownHook(new Thread({ binhost.stopNginx() } as Runnable))
binhost.startNginx(gateway, ports, dav.username.text(), dav.password.text())

new File(basedir, 'target/test-stage-image').text = fixture.testStage() + '\n'
new File(basedir, 'zentoo.lock').delete()
def volumes = fixture.volumePrefix('binhost')
fixture.removeVolumes(volumes)
fixture.mavenConfig([
        "-Dzentoo.volumePrefix=${volumes}",
        "-Dit.binhost=http://${gateway}:${ports[0]}/binhost",
        "-Dit.binhost2=http://${gateway}:${ports[1]}/binhost"])
return true
