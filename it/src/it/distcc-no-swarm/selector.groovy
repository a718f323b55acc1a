// Only meaningful on a daemon that is in no Swarm; one in a Swarm is left alone.
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
def state = support.sh(['docker', 'info', '--format', '{{.Swarm.LocalNodeState}}']).out.trim()
if (state != 'inactive') {
    println "SKIPPED distcc-no-swarm: the daemon's Swarm state is '$state', not inactive"
    return false
}
return true
