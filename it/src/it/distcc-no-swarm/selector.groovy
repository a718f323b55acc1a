// Needs a daemon in no Swarm, and makes that state: a Swarm found here (a stale one,
// say, from a crashed run) is left with docker swarm leave --force, bounded, and the
// test ends with the daemon in no Swarm. When the daemon cannot leave its Swarm the
// project is skipped, and under strict mode (see SiteFixture.groovy) it fails instead.
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
def found = support.swarmState()
println "distcc-no-swarm: the daemon's Swarm state is ${found.state}${found.manager ? ' (manager)' : ''}"
if (found.state != 'inactive') {
    def failed = support.leaveSwarm()
    if (failed != null) {
        return support.skip('distcc-no-swarm', "the daemon must be in no Swarm and cannot leave its own: ${failed}")
    }
    support.swarmInitialised.delete()
    println 'distcc-no-swarm: left the Swarm; the daemon ends this test in no Swarm'
}
return true
