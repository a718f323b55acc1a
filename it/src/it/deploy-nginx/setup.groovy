// Starts the repository: nginx on a free 127.0.0.1 port, with the deployer's
// password from the ITs' settings.xml, and tells the builds where it is.
import groovy.xml.XmlSlurper

def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def nginx = evaluate(new File(basedir, 'nginx.groovy'))

def volumes = fixture.volumePrefix('deploy')
fixture.removeVolumes(volumes)
// The consumer must fetch the stage over HTTP. Invocation 1 does not install it, but
// an earlier run of this IT left a fetched copy, which Maven would take instead.
new File(localRepositoryPath, 'org/zentoo/it/deploy-nginx').deleteDir()
fixture.fixtureMachine(new File(basedir, 'config'), 'web01')

def server = new XmlSlurper().parse(new File(itSettingsFile)).servers.server.find { it.id.text() == 'zentoo-it-dav' }
def htpasswd = evaluate(new File(itLibDirectory, 'Nginx.groovy')).htpasswd(server.username.text(), server.password.text())

int port = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
// If a build fails, verify.groovy does not run: stop nginx when Maven exits anyway.
// Registered first, so a start that fails halfway is cleaned up too.
Runtime.runtime.addShutdownHook(new Thread({ nginx.stop() } as Runnable))
nginx.start(port, htpasswd)

fixture.mavenConfig([
        "-Dzentoo.it.dav=http://127.0.0.1:${port}/repo",
        "-Dzentoo.volumePrefix=${volumes}",
        '-Daether.checksums.algorithms=SHA-512,SHA-256,SHA-1,MD5'])
return true
