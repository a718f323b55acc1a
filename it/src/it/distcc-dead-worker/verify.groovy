// Worker w1 was killed mid-build: the build passed, named the dead worker, and
// the other worker and the fallback compiled the rest into a working binpkg.
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
def killed = new File(basedir, 'killed-worker.txt')
assert killed.isFile() : 'the watcher killed no worker; the build ended before w1 finished a compile'
def worker = killed.text.trim()
def build = new File(basedir, 'build.log').readLines()

def warning = build.find { it.startsWith('[WARNING] [dist01] distcc worker ' + worker + ' (exited 137) stopped during the build') }
assert warning != null : build.findAll { it.contains('WARNING') }.join('\n')

def w2 = new File(basedir, "target/zentoo/logs/dist01-build-distccd-${worker[0..-2]}2.log")
assert support.completedJobs(w2) > 0 : w2.text
def summary = build.find { it.contains('compile jobs remote') }
def remote = (summary =~ /distcc: (\d+) compile jobs remote/)[0][1] as int
def local = (summary =~ /, (\d+) local/)[0][1] as int
assert remote + local == 41 : summary

def run = support.runBinpkg(testStageImageFile, 'zentoo-it-distcc-dead-worker')
assert run.exit == 0 : run.out + run.err
assert run.out.trim() == 'many-units: 40 units, sum 1309' : run.out
assert support.leftovers('org.zentoo.it:distcc-dead-worker').isEmpty()
support.removeStore('zentoo-it-distcc-dead-worker')
return true
