// Swarm mode needs a Swarm. A daemon outside one joins a single-node Swarm of its
// own for this test and leaves it afterwards (verify.groovy, or at JVM exit if the
// build failed). The test is skipped only when the engine cannot enter Swarm mode.
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
def state = support.sh(['docker', 'info', '--format', '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}']).out.trim()
if (state == 'active true') {
    return true
}
if (state.startsWith('active')) {
    println "SKIPPED distcc-swarm: this daemon is a Swarm worker node, not a manager ($state); not touching its Swarm"
    return false
}
def init = support.sh(['docker', 'swarm', 'init', '--advertise-addr', '127.0.0.1'])
if (init.exit != 0) {
    println "SKIPPED distcc-swarm: the Docker engine cannot enter Swarm mode here: ${init.err.trim()}"
    return false
}
support.swarmInitialised.text = 'docker swarm init by the distcc-swarm invoker test\n'
Runtime.runtime.addShutdownHook(new Thread({ support.leaveSwarmIfOurs() }))
return true
