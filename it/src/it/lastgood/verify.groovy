// A failed package against its last good instance in zentoo.lock, both ways: a USE
// change (flagfail with +bad) and a failure that is not one (broken 0.9 -> 1.0).
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def log = { int n -> new File(basedir, "build-${n}.log").text }
def reports = ['flagfail-1.0': new File(basedir, 'target/bugreports-2'), 'broken-1.0': new File(basedir, 'target/zentoo/bugreports')]
def report = { String pf -> new File(reports[pf], "lg/app-misc/${pf}/last-good.txt") }
// last-good.txt is in the packed report too, and its README.txt says what it is.
def packed = { String pf ->
    def tarball = new File(reports[pf], "bugreport-lg-app-misc-${pf}.tar.gz")
    def p = ['tar', '-tzf', tarball.path].execute()
    def names = p.text.readLines()
    assert p.waitFor() == 0 && names.any { it.endsWith('/last-good.txt') || it == 'last-good.txt' } : "${tarball}: ${names}"
    assert new File(reports[pf], "lg/app-misc/${pf}/README.txt").text.contains('last-good.txt: what differs')
}
def retryLog = new File(basedir, 'target/zentoo/logs/lg-last-good.log')

// 1. The lock records what built: flagfail without bad, broken 0.9.
def lock1 = new File(basedir, 'target/lock-1').readLines()*.trim()
assert lock1.any { it ==~ /package app-misc\/flagfail-1\.0::zentoo-test sha256:[0-9a-f]{64} USE="-bad"/ } : lock1
assert lock1.any { it ==~ /package app-misc\/broken-0\.9::zentoo-test sha256:[0-9a-f]{64} USE=""/ } : lock1

// 2. +bad from a set line: the report and the console name it; the retry builds.
def log2 = log(2)
assert log2.contains('flagfail.c:1:1: error: USE=bad breaks this fixture on purpose') : 'the build failed for bad'
assert log2.contains('last good app-misc/flagfail-1.0 (zentoo.lock): USE +bad; see ') : log2
// The line that decides bad now comes from explain (Portage's answer mapped onto config/).
def verdict2 = 'builds with the locked USE; fails with +bad, set by config/sets/flags/package.use:2'
assert log2.contains('last good: ' + verdict2) : log2
def text2 = report('flagfail-1.0').text
assert text2.contains('version   1.0 (locked)  same version now') : text2
assert text2.contains('USE       "-bad" (locked)  now "bad"') : text2
assert text2.contains('          +bad  now set by config/sets/flags/package.use:2\n') : text2
assert text2.contains('same seed now') && text2.contains('same snapshot now') : text2
assert text2.contains(verdict2 + '\n') : text2
packed('flagfail-1.0')
// Its retry built flagfail alone, with -bad: the appended package.use line won over the set's.
def retry2 = new File(basedir, 'target/last-good-2.log').readLines()
assert retry2.count { it.startsWith('>>> Emerging') } == 1 : retry2
assert retry2.any { it ==~ /\[ebuild +N +\] app-misc\/flagfail-1\.0::zentoo-test +USE="-bad".*/ } : retry2

// 3. broken 1.0 against the locked 0.9: not a USE change.
def log3 = log(3)
// The plan says why 1.0 compiles: the store has only 0.9 (plan.py's newer-version answer).
assert log3.readLines().any { it.contains('[lg]   compile app-misc/broken-1.0') && it.contains('a newer version in the snapshot')
        && it.contains('the partition only up to 0.9') } : log3
assert log3.contains('last good app-misc/broken-0.9 (zentoo.lock): version 0.9 -> 1.0, same USE; see ') : log3
def verdict3 = 'fails with the locked USE too: not a USE change'
assert log3.contains('last good: ' + verdict3) : log3
def text3 = report('broken-1.0').text
assert text3.contains('version   0.9 (locked)  now 1.0') : text3
assert text3.contains('no flag differs') && text3.contains(verdict3 + '\n') : text3
packed('broken-1.0')
// The retry's own log (invocation 3's): exactly one package built, broken-1.0 with the
// fixture's compiler error; then invocation 2's retry built only flagfail, with -bad.
def retry3 = retryLog.readLines()
assert retry3.count { it.startsWith('>>> Emerging') } == 1 : retry3
assert retry3.any { it.startsWith('>>> Emerging (1 of 1) app-misc/broken-1.0::zentoo-test') } : retry3
assert retry3.contains('broken.c:1:1: error: this fixture fails on purpose') : retry3

// The retries never wrote into the shared store: flagfail has the one instance of
// invocation 1, broken only 0.9's; the scratch config copy is gone.
def prefix = new File(basedir, '.mvn/maven.config').readLines().find { it.startsWith('-Dzentoo.volumePrefix=') }
        .substring('-Dzentoo.volumePrefix='.length())
def store = fixture.dockerLines(['run', '--rm', '-v', "${prefix}-binpkgs:/s:ro", fixture.testStage(), 'bash', '-c',
                                 'cd /s && find . -path "*/app-misc/*" -name "*.gpkg.tar" | sort'])
assert store.size() == 2 && store.count { it.contains('/app-misc/flagfail/flagfail-1.0-') } == 1
        && store.count { it.contains('/app-misc/broken/broken-0.9-') } == 1 : store
def scratch = new File(basedir, 'target/zentoo').list().findAll { it.startsWith('last-good') }
assert scratch.isEmpty() : scratch

fixture.removeVolumes(prefix)
return true
