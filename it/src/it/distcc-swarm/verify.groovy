// A two-replica service in a single-node Swarm: both replicas compiled, the
// binpkg works, service and overlay are gone, and the host leaves the Swarm if
// this test made it join.
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
try {
    def logs = new File(basedir, 'target/zentoo/logs')
    def build = new File(basedir, 'build.log').text
    def replicaLogs = logs.listFiles().findAll { it.name.startsWith('dist01-distccd-') }
    assert replicaLogs.size() == 2 : "one distccd log per replica: ${logs.list()}"
    replicaLogs.each { log -> assert support.completedJobs(log) > 0 : "${log.name} shows no compile job:\n${log.text}" }
    assert build =~ /distcc: 41 compile jobs remote \(.*\), 0 local/
    assert build.contains('starting 2 distcc workers (swarm mode')

    def run = support.runBinpkg(testStageImageFile, 'zentoo-it-distcc-swarm')
    assert run.exit == 0 : run.out + run.err
    assert run.out.trim() == 'many-units: 40 units, sum 1309' : run.out

    assert support.leftovers('org.zentoo.it:distcc-swarm').isEmpty() : 'service and overlay network are removed'
} finally {
    support.removeStore('zentoo-it-distcc-swarm')
    support.leaveSwarmIfOurs()
}
return true
