// changes-MACHINE after one USE flag changed in one set (see invoker.properties).
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def prefix = fixture.volumePrefix('changes')
try {
    def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./)
    assert runs.length == 4 : "three invocations in build.log, found ${runs.length - 1}"
    def (first, second, third) = [runs[1], runs[2], runs[3]]

    // 1. A first assembly has nothing to compare with, and does not say "no change".
    assert first.contains('What changed since the previous stage (target/zentoo/changes/<machine>.txt):')
    assert first.contains('  m1: no previous stage to compare with')
    assert first.contains('  m2: no previous stage to compare with')
    def deployed = new File(basedir, 'target/file-repo/org/zentoo/it/changes/1.0')
    ['packages-m1.txt', 'stage3-m1.tar.zst', 'changes-m1.txt', 'changes-m1.json', 'packages-m2.txt'].each {
        assert new File(deployed, "changes-1.0-${it}").isFile() : "1.0 deployed with ${it}"
    }

    // 2. Against zentoo.lock's record (written by build 1), completed by the previous stage here
    // for /etc: exactly the flag, on its package, with its line; seed and snapshot as locked.
    def repo = new File(localRepositoryPath, 'org/zentoo/it/changes/2.0')
    def m1 = new File(repo, 'changes-2.0-changes-m1.txt').text
    def m1Lines = m1.readLines()
    assert m1Lines[0] == 'Changes of m1: stage3-m1.tar.zst compared with zentoo.lock and stage3-m1.tar.zst'
    def use = m1Lines.findAll { it.startsWith('  app-misc/') }
    assert use == ['  app-misc/hello-1.0: -colour (was on) by config/sets/greet/package.use:2 (set greet)'] : m1
    assert !m1.contains('Packages:') && !m1.contains('Services:') && !m1.contains('Not compared') : m1
    // The rendered package.use of set greet changed with it; nothing else under /etc did.
    def etc = m1Lines.dropWhile { it != '/etc:' }.drop(1).takeWhile { it.startsWith('  ') }
    assert etc.size() == 1 && etc[0].startsWith('  changed /etc/portage/package.use/') && etc[0].endsWith(')') : m1
    assert etc[0].contains('-greet (file 0644 0:0 sha256:') : m1
    def m2 = new File(repo, 'changes-2.0-changes-m2.txt').text
    assert m2 == 'Changes of m2: stage3-m2.tar.zst compared with zentoo.lock and stage3-m2.tar.zst\n' +
            'Platform: linux/amd64\n' + 'no change\n' : m2
    def json = new groovy.json.JsonSlurper().parse(new File(repo, 'changes-2.0-changes-m1.json'))
    assert json.machine == 'm1' && json.unchanged == false
    assert json.use == [[package: 'app-misc/hello', version: '1.0', flag: 'colour', before: true, after: false,
                         origin: 'by config/sets/greet/package.use:2 (set greet)']]
    assert json.packages == [] && json.services == [] && json.setid == [] && json.notCompared == []
    assert new groovy.json.JsonSlurper().parse(new File(repo, 'changes-2.0-changes-m2.json')).unchanged == true
    assert second.contains('  m1: 1 USE, 1 /etc (app-misc/hello -colour)')
    assert second.contains('  m2: no change')

    // 3. Against version 1.0, resolved from the file repository: the same difference.
    assert third.contains('Comparing with org.zentoo.it:changes:txt:packages-m1:1.0')
    assert third.contains('Comparing with org.zentoo.it:changes:tar.zst:stage3-m1:1.0')
    def against = new File(basedir, 'target/zentoo/changes/m1.txt').text
    assert against.readLines()[0] == 'Changes of m1: stage3-m1.tar.zst compared with version 1.0 (packages-m1, stage3-m1)'
    assert against.readLines().findAll { it.startsWith('  app-misc/') } == use : against
    assert against.contains('\n/etc:\n  changed /etc/portage/package.use/') : against
    // The deployed artifacts do not name the snapshot: said, not passed over.
    assert against.contains('Not compared:\n  snapshot: the previous record (version 1.0 (packages-m1, stage3-m1))'
            + ' does not have it\n') : against
    def m2Against = new File(basedir, 'target/zentoo/changes/m2.txt').text.readLines()
    assert m2Against[1] == 'Platform: linux/amd64' && m2Against[2] == 'no change' : m2Against
    assert third.contains('  m1: 1 USE, 1 /etc (app-misc/hello -colour); not compared: snapshot')
    assert third.contains('  m2: no change; not compared: snapshot')
} finally {
    fixture.removeVolumes(prefix)
}
true
