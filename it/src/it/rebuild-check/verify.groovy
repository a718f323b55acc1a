// zentoo:rebuild-check: what it says per package, its summary, its exit status
// (invoker.properties), the stage it assembles again, and that its scratch store is gone.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def prefix = fixture.volumePrefix('rebuild')
try {
    def check = new File(basedir, 'build-2-check.log').text
    ['app-misc/hello-1.0', 'app-misc/world-1.0', 'app-misc/caps-1.0'].each { cpv ->
        assert check.contains("[r1] reproducible: ${cpv}") : "r1: ${cpv} not reported reproducible"
        assert check.contains("[r2] reproducible: ${cpv}") : "r2: ${cpv} not reported reproducible"
    }
    // The clock's binpkg differs in the file that has the time and in none of its
    // metadata: BUILD_TIME is the epoch in both.
    def clock = check.readLines().find { it.contains('not reproducible: app-misc/clock-1.0') }
    assert clock != null : 'app-misc/clock-1.0 is not reported as not reproducible'
    assert clock.endsWith('not reproducible: app-misc/clock-1.0, differs in image/usr/share/clock/built-at') : clock
    assert !check.contains('reproducible: app-misc/clock-1.0\n')
    assert !(check =~ /metadata app-misc\/clock-1.0: BUILD_TIME/)
    // The summary row of r1 fails naming the package and the file; r2's passes.
    assert check =~ /r1 .*3 reproducible, 1 not reproducible: app-misc\/clock-1.0 \(image\/usr\/share\/clock\/built-at\)/
    assert check =~ /r2 .*3 reproducible, 0 not reproducible, stage3 reproducible/
    // Its binpkgs differ, so r1's stage is not assembled again; r2's is, and is the same.
    assert !check.contains('[r1] stage3')
    def stageSum = fixture.sha256(new File(basedir, 'target/zentoo/stages/stage3-r2.tar.zst'))
    assert check.contains("[r2] stage3 reproducible: sha256 ${stageSum}")
    assert !new File(basedir, 'target/zentoo/rebuild-check/stage3-r2.tar.zst').exists()

    def r2 = new File(basedir, 'build-3-check-r2.log').text
    assert r2.contains('[r2] reproducible: app-misc/hello-1.0')
    assert r2.contains("[r2] stage3 reproducible: sha256 ${stageSum}")
    assert !r2.contains('not reproducible: app-')
    assert r2.contains('BUILD SUCCESS')

    // The scratch store is removed after each run; the site's store is still there.
    def volumes = fixture.dockerLines(['volume', 'ls', '-q', '--filter', "name=${prefix}-"])
    assert volumes.findAll { it.contains('-rebuild-check-') }.isEmpty() : volumes
    assert volumes.contains("${prefix}-binpkgs".toString()) : volumes
} finally {
    fixture.removeVolumes(prefix)
}
true
