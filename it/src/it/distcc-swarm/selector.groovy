// Swarm mode needs this daemon to be a Swarm manager. The test makes that state:
// - a manager of a Swarm it did not make (the host's own) is used as found and left as found;
// - a stale Swarm is left first (docker swarm leave --force): the one a crashed run of
//   this checkout made (its marker file is still there), or a node that is no manager
//   (worker, pending, error, locked);
// - then a single-node Swarm of its own is made, left again by verify.groovy (or at
//   JVM exit if the build failed), so the daemon ends as it was found.
// Each docker call is bounded. When the engine cannot enter Swarm mode the project
// is skipped, and under strict mode (see SiteFixture.groovy) it fails instead.
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
def found = support.swarmState()
boolean stale = support.swarmInitialised.isFile()
println "distcc-swarm: the daemon's Swarm state is ${found.state}${found.manager ? ' (manager)' : ''}${stale ? ', made by an earlier run of this checkout' : ''}"
// What verify.groovy restores: the host's Swarm as found, or no Swarm.
def restore = new File(basedir, 'target/swarm-restore-state')
restore.parentFile.mkdirs()
if (found.state == 'active' && found.manager && !stale) {
    restore.text = 'active manager'
    return true
}
restore.text = 'inactive'

if (found.state != 'inactive') {
    def failed = support.leaveSwarm()
    if (failed != null) {
        return support.skip('distcc-swarm', "cannot leave the stale Swarm: ${failed}")
    }
    support.swarmInitialised.delete()
    println 'distcc-swarm: left the stale Swarm'
}
def init = support.sh(['docker', 'swarm', 'init', '--advertise-addr', '127.0.0.1'], 120)
if (init.exit != 0) {
    return support.skip('distcc-swarm', "the Docker engine cannot enter Swarm mode (docker swarm init: ${init.err.trim()})")
}
support.swarmInitialised.parentFile.mkdirs()
support.swarmInitialised.text = 'docker swarm init by the distcc-swarm invoker test\n'
Runtime.runtime.addShutdownHook(new Thread({ support.leaveSwarmIfOurs() }))
def now = support.swarmState()
assert now.state == 'active' && now.manager : "after docker swarm init the daemon is ${now}"
return true
