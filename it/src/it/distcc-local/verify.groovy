// Two workers on a bridge network: both compiled, the binpkg works, nothing is left.
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
def logs = new File(basedir, 'target/zentoo/logs')
def build = new File(basedir, 'build.log').text

def workerLogs = logs.listFiles().findAll { it.name.startsWith('dist01-distccd-') }
assert workerLogs.size() == 2 : "one distccd log per worker: ${logs.list()}"
workerLogs.each { log ->
    assert support.completedJobs(log) > 0 : "${log.name} shows no compile job:\n${log.text}"
}
assert workerLogs.sum { support.completedJobs(it) } >= 40 : 'every unit compiled on a worker'

// The summary counts from distcc's client log: all 41 compiles (40 units and main.c) went out.
def summary = build.readLines().find { it.contains('distcc: ') && it.contains('compile jobs remote') }
assert summary != null : 'the build reports where compiles ran'
assert summary =~ /distcc: 41 compile jobs remote \(.*\), 0 local/ : summary

def run = support.runBinpkg(testStageImageFile, 'zentoo-it-distcc-local')
assert run.exit == 0 : run.out + run.err
assert run.out.trim() == 'many-units: 40 units, sum 1309' : run.out

assert support.leftovers('org.zentoo.it:distcc-local').isEmpty() : 'workers and their network are removed'
support.removeVolumes('zentoo-it-distcc-local')
return true
