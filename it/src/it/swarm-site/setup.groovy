// The site (SEED: this build's test stage; m1, m2 in one partition, m3, m4 with other CFLAGS
// in another), the test Swarm of it/swarm/nodes.sh, nginx with WebDAV on the Swarm's bridge
// gateway (the host and the tasks on the workers both reach it there), and a watcher that
// runs while the invocations do, bounded by a deadline and by verify's stop file:
// - it saves `docker service inspect` of every service of this site, and `docker inspect` of
//   every container of this site on each worker (a task's environment), for the secret check;
// - when a service labelled org.zentoo.step=assemble has a running task, it kills the worker
//   container that task runs on (once), and notes which;
// - it samples the host's memory (free), keeping the peak.
import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def nginx = evaluate(new File(itLibDirectory, 'Nginx.groovy'))
def nodes = new File(itLibDirectory, '../../../swarm/nodes.sh').canonicalFile
def state = new File(basedir, 'target/swarm')
def site = 'org.zentoo.it:swarm-site'

nginx.stop()
def volumes = fixture.prepareSite('swarm-site')
def config = new File(basedir, 'config')
(1..4).each { fixture.fixtureMachine(config, "m${it}") }
// m1 has the fixture's kernel (Debian's binaries, a few generated units compiled): its
// zentoo:kernel and the stage test's boot are cheap with it.
def m1 = new File(config, 'machines/m1')
new File(m1, 'machine.conf').text = new File(m1, 'machine.conf').text
        .replace('KERNEL=""', 'KERNEL="sys-kernel/zentoo-test-kernel"')
assert new File(m1, 'machine.conf').text.contains('KERNEL="sys-kernel/zentoo-test-kernel"')
// A test of the stage that says which network interfaces its container has (it passes either way).
def network = new File(m1, 'tests/network')
network.parentFile.mkdirs()
network.text = '#!/bin/sh\necho "network interfaces: $(ls /sys/class/net | tr \'\\n\' \' \')"\n'
network.setExecutable(true, false)
// The second partition: same profile and set, other CFLAGS (as binhost-signed's m2).
['m3', 'm4'].each { new File(config, "machines/${it}/make.conf").text = 'CFLAGS="-O1 -pipe"\nCXXFLAGS="${CFLAGS}"\n' }

// --disk: each worker's docker root on the host's disk. With tmpfs (half the host's memory
// each) the worker left after the kill ran out of space: on vfs every image layer and every
// task's container is a full copy of the tree (~5 GB for the test stage, ~0.5 GB per input
// image and per container), and two such tmpfs held ~20 GB of the host's 24 GB.
def up = fixture.exec(['bash', nodes.path, 'up', '--disk', state.path], [seconds: 900])
assert up.exit == 0 : "the test Swarm did not come up (it/swarm/nodes.sh up):\n${up.err}"
Runtime.runtime.addShutdownHook(new Thread({ fixture.exec(['bash', nodes.path, 'down', state.path]) } as Runnable))
def registry = new File(state, 'registry').text.trim()
// nodes.sh down removes its state: verify reads these copies.
def workers = new File(state, 'nodes').readLines().findAll { it.contains('=') }.collectEntries { l -> def (w, id) = l.split('=', 2); [(id): w] }
assert workers.size() == 2 : "nodes.sh up made ${workers.size()} worker nodes: ${workers}"
new File(basedir, 'target/swarm-nodes').text = new File(state, 'nodes').text
new File(basedir, 'target/swarm-manager').text = fixture.run(['docker', 'info', '-f', '{{.Swarm.NodeID}}']).trim() + '\n'

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

fixture.mavenConfig([
        "-Dzentoo.volumePrefix=${volumes}",
        "-Dit.binhost=http://${gateway}:${port}/binhost",
        "-Dit.registry=${registry}"])
// Invocation 3: the Swarm run's binhost goes aside, so the one-host run starts from an
// empty one at the same URL (a stage names its binhost in binrepos.conf).
new File(basedir, 'target/binhost-aside.sh').text = """\
set -eu
mv ${new File(nginx.root, 'binhost').path} ${new File(nginx.root, 'binhost-swarm').path}
mkdir ${new File(nginx.root, 'binhost').path}
""".stripIndent()

def watch = new File(basedir, 'target/watch')
fixture.run(['rm', '-rf', watch.path])
['services', 'containers'].each { new File(watch, it).mkdirs() }
def stop = new File(basedir, 'target/watch.stop')
stop.delete()
def deadline = System.currentTimeMillis() + 40 * 60 * 1000L
def lines = { List<String> cmd -> def r = fixture.exec(cmd, [seconds: 30]); r.exit == 0 ? r.out.readLines()*.trim().findAll { it } : [] }
Thread.startDaemon('swarm-site-watch') {
    def services = [] as Set, containers = [] as Set
    String killed = null
    long peak = 0
    try {
        while (!stop.exists() && System.currentTimeMillis() < deadline) {
            lines(['docker', 'service', 'ls', '-q', '--filter', "label=org.zentoo.site=${site}"]).each { id ->
                if (!services.contains(id)) {
                    def r = fixture.exec(['docker', 'service', 'inspect', id], [seconds: 30])
                    if (r.exit == 0 && r.out.contains('"ID"')) {
                        new File(watch, "services/${id}.json").text = r.out
                        services << id
                    }
                }
                if (killed == null && new File(watch, "services/${id}.json").exists()) {
                    def spec = new JsonSlurper().parse(new File(watch, "services/${id}.json"))[0].Spec
                    if (spec.Labels['org.zentoo.step'] == 'assemble') {
                        lines(['docker', 'service', 'ps', '-q', '--no-trunc', id]).each { task ->
                            def t = lines(['docker', 'inspect', '-f', '{{.NodeID}} {{.Status.State}}', task])
                            def (node, taskState) = t ? t[0].split(' ') as List : [null, null]
                            if (killed == null && taskState == 'running' && workers[node]) {
                                def k = fixture.exec(['docker', 'kill', workers[node]], [seconds: 60])
                                killed = "node=${node}\ncontainer=${workers[node]}\nmachine=${spec.Labels['org.zentoo.machine']}\nservice=${id}\nexit=${k.exit}\n"
                                new File(watch, 'killed').text = killed
                            }
                        }
                    }
                }
            }
            workers.values().each { w ->
                lines(['docker', 'exec', w, 'docker', 'ps', '-a', '-q', '--no-trunc', '--filter', "label=org.zentoo.site=${site}"]).each { id ->
                    if (!containers.contains(id)) {
                        def r = fixture.exec(['docker', 'exec', w, 'docker', 'inspect', id], [seconds: 30])
                        if (r.exit == 0 && r.out.contains('"Id"')) {
                            new File(watch, "containers/${w}-${id}.json").text = r.out
                            containers << id
                        }
                    }
                }
            }
            def mem = lines(['free', '-m']).find { it.startsWith('Mem:') }?.split(/\s+/)
            if (mem && (mem[2] as long) > peak) {
                peak = mem[2] as long
                new File(watch, 'memory').text = "peak used ${peak} MiB of ${mem[1]} MiB at ${new Date().toInstant()}\n"
            }
            Thread.sleep(300)
        }
    } catch (Throwable e) {
        new File(watch, 'error').text = e.toString() + '\n'
    }
}
return true
