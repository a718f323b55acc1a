// The signing key (passphrase from settings.xml), config-b and config-c, a docker
// network of this project and nginx with WebDAV on its gateway (two ports, one
// access log each), then the URLs for the builds in .mvn/maven.config.
import groovy.xml.XmlSlurper
import java.nio.file.Files
import java.nio.file.StandardCopyOption

def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def binhost = evaluate(new File(basedir, 'binhost.groovy'))

def run = { List<Object> cmd -> fixture.run(cmd, [dir: basedir]) }

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
fixture.signingKey('zentoo-it-signing')

def servers = new XmlSlurper().parse(new File(itSettingsFile)).servers.server
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
