// The site (SEED: this build's test stage; one machine), the test Swarm of it/swarm/nodes.sh,
// and nginx with WebDAV on the Swarm's bridge gateway: the host reaches it there, and so do
// the tasks on the workers (inside a worker, the docker0 gateway is the worker's own).
import groovy.xml.XmlSlurper

def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def nginx = evaluate(new File(itLibDirectory, 'Nginx.groovy'))
def nodes = new File(itLibDirectory, '../../../swarm/nodes.sh').canonicalFile
def state = new File(basedir, 'target/swarm')

nginx.stop()
def volumes = fixture.prepareSite('swarm-tasks')
fixture.fixtureMachine(new File(basedir, 'config'), 'm1')
// The fixture's kernel (Debian's binaries, a few generated units compiled): zentoo:kernel and
// the stage test's boot are cheap with it.
def machine = new File(basedir, 'config/machines/m1')
new File(machine, 'machine.conf').text = new File(machine, 'machine.conf').text
        .replace('KERNEL=""', 'KERNEL="sys-kernel/zentoo-test-kernel"')
// A test of the stage that says which network interfaces its container has (it passes either way).
def network = new File(machine, 'tests/network')
network.parentFile.mkdirs()
network.text = '#!/bin/sh\necho "network interfaces: $(ls /sys/class/net | tr \'\\n\' \' \')"\n'
network.setExecutable(true, false)

def up = fixture.exec(['bash', nodes.path, 'up', state.path], [seconds: 900])
assert up.exit == 0 : "the test Swarm did not come up (it/swarm/nodes.sh up):\n${up.err}"
Runtime.runtime.addShutdownHook(new Thread({ fixture.exec(['bash', nodes.path, 'down', state.path]) } as Runnable))
def registry = new File(state, 'registry').text.trim()
def worker = new File(state, 'nodes').readLines().find { it.startsWith('zentoo-it-swarm-node-1=') }.split('=')[1]

def dav = new XmlSlurper().parse(new File(itSettingsFile)).servers.server.find { it.id.text() == 'zentoo-it-dav' }
def gateway = fixture.run(['docker', 'network', 'inspect', '-f', '{{(index .IPAM.Config 0).Gateway}}',
        'zentoo-it-swarm']).trim()
assert gateway ==~ /\d+\.\d+\.\d+\.\d+/ : "no gateway for the Swarm's bridge: ${gateway}"
def port = new ServerSocket(0, 1, InetAddress.getByName(gateway)).withCloseable { it.localPort }
fixture.run(['rm', '-rf', nginx.root.path])
new File(nginx.root, 'binhost').mkdirs()
new File(nginx.prefix, 'htpasswd').text = nginx.htpasswd(dav.username.text(), dav.password.text())
Runtime.runtime.addShutdownHook(new Thread({ nginx.stop() } as Runnable))
nginx.start(gateway, [port], """
            server {
                listen ${gateway}:${port};
                root ${nginx.root};
                location /binhost/ {
                    dav_methods PUT DELETE MKCOL;
                    dav_access user:rw group:r all:r;
                    limit_except GET HEAD {
                        auth_basic "zentoo-it";
                        auth_basic_user_file ${nginx.prefix}/htpasswd;
                    }
                }
            }""")

// One worker only: each worker's vfs store would hold its own ~5 GB copy of the test stage.
fixture.mavenConfig([
        "-Dzentoo.volumePrefix=${volumes}",
        "-Dit.binhost=http://${gateway}:${port}/binhost",
        "-Dit.registry=${registry}",
        "-Dit.swarm.constraint=node.id==${worker}"])
new File(basedir, 'target/swarm-worker').text = worker
// Invocation 2: the Swarm run's binhost goes aside, so the one-host run starts from an
// empty one at the same URL (a stage names its binhost in binrepos.conf).
new File(basedir, 'target/binhost-aside.sh').text = """\
set -eu
mv ${new File(nginx.root, 'binhost').path} ${new File(nginx.root, 'binhost-swarm').path}
mkdir ${new File(nginx.root, 'binhost').path}
""".stripIndent()
return true
