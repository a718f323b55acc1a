// The build failed with the way out in its message, compiled nothing, and left nothing.
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
def build = new File(basedir, 'build.log').text
assert build.contains('zentoo.distcc.mode=swarm needs the Docker daemon at') : build
assert build.contains('docker swarm init --advertise-addr')
assert build.contains('docker swarm join --token')
assert !build.contains('>>> Emerging (') : 'nothing compiled'
assert !build.contains('making distcc image') : 'the Swarm check comes before the distcc image is made'
assert support.leftovers('org.zentoo.it:distcc-no-swarm').isEmpty()
// The test ends with the daemon in no Swarm: Zentoo did not make one either.
def state = support.swarmState()
assert state.state == 'inactive' : "the daemon is in Swarm state ${state.state} after the test"
support.removeStore('zentoo-it-distcc-no-swarm')
return true
