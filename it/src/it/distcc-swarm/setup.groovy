// The exact test stage image, empty volumes (many-units compiles in this run), and
// a loopback registry that Zentoo pushes the distcc image to, as it would for
// Swarm nodes on other hosts. The node is labelled zentoo.distcc=true.
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
support.prepare(basedir, testStageImageFile, 'zentoo-it-distcc-swarm')
int port = support.startRegistry(new File(basedir, 'target/registry'))
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
fixture.mavenConfig(["-Dzentoo.distcc.registry=127.0.0.1:${port}/zentoo-it"])
new File(basedir, 'target/registry/port').text = port.toString()
// The node that may compile, as an admin marks it; removed again by verify.groovy
// unless it was there before.
def node = support.sh(['docker', 'info', '--format', '{{.Swarm.NodeID}}']).out.trim()
def had = support.sh(['docker', 'node', 'inspect', '--format', '{{index .Spec.Labels "zentoo.distcc"}}', node]).out.trim()
if (had != 'true') {
    assert support.sh(['docker', 'node', 'update', '--label-add', 'zentoo.distcc=true', node]).exit == 0
    new File(basedir, 'target/node-labelled').text = node
}
// While the build runs, note the placement and image of the site's distcc service
// (it is gone by verify time). Bounded: gives up after 10 minutes.
def seen = new File(basedir, 'target/service-seen.txt')
Thread.startDaemon('zentoo-it-service-watcher') {
    long deadline = System.currentTimeMillis() + 10 * 60 * 1000
    while (System.currentTimeMillis() < deadline) {
        def id = support.sh(['docker', 'service', 'ls', '-q', '--filter',
                             'label=org.zentoo.site=org.zentoo.it:distcc-swarm']).out.readLines().find()
        if (id) {
            def spec = support.sh(['docker', 'service', 'inspect', '--format',
                                   '{{json .Spec.TaskTemplate.Placement.Constraints}} {{.Spec.TaskTemplate.ContainerSpec.Image}}', id])
            if (spec.exit == 0) {
                seen.text = spec.out.trim()
                return
            }
        }
        sleep 200
    }
}
return true
