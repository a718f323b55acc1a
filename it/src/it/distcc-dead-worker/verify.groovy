// Worker w1 was killed after three compile jobs: the build passed, named the dead
// worker, and the other worker and the fallback compiled the rest, after the kill,
// into a working binpkg.
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
def killed = new File(basedir, 'killed-worker.properties')
assert killed.isFile() : 'the watcher killed no worker: w1 never logged 3 finished compile jobs'
def props = new Properties()
killed.withReader { props.load(it) }
def worker = props.worker
assert props.killExit == '0' : "docker kill ${worker} failed"
assert props.w1JobsAtKill == '3'
int w2AtKill = props.w2JobsAtKill as int
def build = new File(basedir, 'build.log').readLines()

def warning = build.find { it.startsWith('[WARNING] [dist01] distcc worker ' + worker + ' (exited 137) stopped during the build') }
assert warning != null : build.findAll { it.contains('WARNING') }.join('\n')

def summary = build.find { it.contains('compile jobs remote') }
def remote = (summary =~ /distcc: (\d+) compile jobs remote/)[0][1] as int
def local = (summary =~ /, (\d+) local/)[0][1] as int
assert remote + local == 41 : summary

// The build went on after the kill: of the 41 compiles, w1 finished 3 and w2 had
// finished w2AtKill; w2 and the local fallback did the others afterwards.
def w2 = new File(basedir, "target/zentoo/logs/dist01-build-distccd-${worker[0..-2]}2.log")
int w2Jobs = support.completedJobs(w2)
assert w2Jobs > w2AtKill : "w2 compiled nothing after the kill (${w2AtKill} before it):\n${w2.text}"

def run = support.runBinpkg(testStageImageFile, 'zentoo-it-distcc-dead-worker')
assert run.exit == 0 : run.out + run.err
assert run.out.trim() == 'many-units: 40 units, sum 1309' : run.out
assert support.leftovers('org.zentoo.it:distcc-dead-worker').isEmpty()
support.removeStore('zentoo-it-distcc-dead-worker')
return true
