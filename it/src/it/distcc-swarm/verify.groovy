// A two-replica service in a single-node Swarm: both replicas compiled, the
// binpkg works, service and overlay are gone, and the host leaves the Swarm if
// this test made it join.
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
try {
    def logs = new File(basedir, 'target/zentoo/logs')
    def build = new File(basedir, 'build.log').text
    def replicaLogs = logs.listFiles().findAll { it.name.startsWith('dist01-build-distccd-') }
    assert replicaLogs.size() == 2 : "one distccd log per replica: ${logs.list()}"
    replicaLogs.each { log -> assert support.completedJobs(log) > 0 : "${log.name} shows no compile job:\n${log.text}" }
    assert build =~ /distcc: 41 compile jobs remote \(.*\), 0 local/
    assert build.contains('starting 2 distcc workers (swarm mode')

    assert build.contains('[dist01] workers go to the 1 Swarm node(s) labelled zentoo.distcc=true')
    def seen = new File(basedir, 'target/service-seen.txt')
    assert seen.isFile() : 'the watcher never saw the distcc service'
    def (constraints, serviceImage) = seen.text.trim().split(' ', 2)
    assert constraints == '["node.labels.zentoo.distcc==true"]' : seen.text

    // The replicas ran the distcc image pulled by digest from the registry.
    def port = new File(basedir, 'target/registry/port').text.trim()
    def pushed = (build =~ /distcc image pushed for the Swarm nodes: (127\.0\.0\.1:\d+\/zentoo-it\/zentoo-distcc)@(sha256:[0-9a-f]{64})/)
    assert pushed.find() : 'the build says where it pushed the distcc image'
    assert pushed.group(1) == "127.0.0.1:${port}/zentoo-it/zentoo-distcc"
    def tag = (build =~ /making distcc image zentoo\/distcc:([0-9a-f]{24})/)[0][1]
    def manifest = new URL("http://127.0.0.1:${port}/v2/zentoo-it/zentoo-distcc/manifests/${tag}").openConnection()
    manifest.setRequestProperty('Accept', 'application/vnd.docker.distribution.manifest.v2+json')
    manifest.connectTimeout = 2000
    manifest.readTimeout = 10000
    assert manifest.responseCode == 200 : "the registry has no ${tag}"
    assert manifest.getHeaderField('Docker-Content-Digest') == pushed.group(2) : 'the service ran what the registry holds'
    assert build.contains("from ${pushed.group(1)}@${pushed.group(2)}") : 'the workers start from the pushed reference'
    assert serviceImage == "${pushed.group(1)}@${pushed.group(2)}" : "the service runs ${serviceImage}"

    def run = support.runBinpkg(testStageImageFile, 'zentoo-it-distcc-swarm')
    assert run.exit == 0 : run.out + run.err
    assert run.out.trim() == 'many-units: 40 units, sum 1309' : run.out

    assert support.leftovers('org.zentoo.it:distcc-swarm').isEmpty() : 'service and overlay network are removed'
} finally {
    support.removeStore('zentoo-it-distcc-swarm')
    def labelled = new File(basedir, 'target/node-labelled')
    if (labelled.isFile()) {
        support.sh(['docker', 'node', 'update', '--label-rm', 'zentoo.distcc', labelled.text.trim()])
        labelled.delete()
    }
    support.leaveSwarmIfOurs()
    support.stopRegistry(new File(basedir, 'target/registry'))
}
// The daemon is left as the test found it: in the host's Swarm, or in none.
def now = support.swarmState()
def expected = new File(basedir, 'target/swarm-restore-state').text
assert (expected == 'active manager' ? now.state == 'active' && now.manager : now.state == 'inactive') :
        "the daemon's Swarm state is ${now}, expected ${expected}"
return true
