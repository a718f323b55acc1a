// The zentoo.lock lifecycle (see invoker.properties for the nine invocations).
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def prefix = fixture.volumePrefix('lock')
def env = new File(basedir, 'target/lock-it.env').readLines().collectEntries { l ->
    def (k, v) = l.split('=', 2); [(k): v.replaceAll("^'|'\$", '')]
}
def log = { int n -> new File(basedir, "build-${n}.log").text }
def file = { String name -> new File(basedir, name) }
// The lock's lines of one machine, without indentation.
def records = { String text ->
    def out = [:]
    def current = null
    text.eachLine { line ->
        if (line.startsWith('machine ')) {
            current = line.substring(8)
            out[current] = []
        } else if (current != null && line.startsWith('  ')) {
            out[current] << line.trim()
        }
    }
    out
}
def sums = { String name -> file(name).readLines().collectEntries { l -> def (s, f) = l.split(/\s+/, 2); [(new File(f).name): s] } }

try {
    // 1. The first build wrote the lock: both machines, every fact, hello with its USE.
    def lockA = records(file('target/lock-a').text)
    assert lockA.keySet() == ['l1', 'l2'] as Set
    lockA.each { m, lines ->
        assert lines[0] ==~ /seed zentoo\/it-lock-seed:\S+ sha256:[0-9a-f]{64}/ : "${m}: ${lines}"
        assert lines[1] ==~ /snapshot seed sha256:[0-9a-f]{64}/
        assert lines[2] ==~ /config sha256:[0-9a-f]{64}/
        assert lines[3].startsWith('partition ')
        assert lines.any { it ==~ /package app-misc\/world-1\.0::zentoo-test sha256:[0-9a-f]{64} USE=".*"/ }
    }
    // hello's USE in the lock, as a set of flags.
    def helloUse = { List<String> lines ->
        def line = lines.find { it.startsWith('package app-misc/hello-1.0::zentoo-test ') }
        (line =~ /USE="([^"]*)"/)[0][1].split(' ') as Set
    }
    assert helloUse(lockA.l1) == ['greeting', 'colour', '-l10n_de', '-l10n_fr'] as Set : lockA.l1
    assert helloUse(lockA.l2) == ['-greeting', 'colour', '-l10n_de', '-l10n_fr'] as Set : lockA.l2
    assert log(1).contains('zentoo.lock: written')
    // A new record is logged as what it pins, not line by line.
    ['l1', 'l2'].each { m ->
        assert log(1) =~ /\[${m}\] zentoo\.lock \+ machine ${m}: seed sha256:[0-9a-f]{64}, snapshot sha256:[0-9a-f]{64}, \d+ packages/
    }
    assert !log(1).contains('zentoo.lock + package')

    // 2. One USE flag more in set "greeting": l1's config and hello lines changed, nothing else; l2 as it was.
    def lockB = records(file('target/lock-b').text)
    assert lockB.l2 == lockA.l2
    assert (lockA.l1 - lockB.l1).collect { it.split(' ')[0..1].join(' ').replaceAll(/sha256:\S+/, '') } as Set ==
            ['config ', 'package app-misc/hello-1.0::zentoo-test'] as Set : "${lockA.l1 - lockB.l1}"
    assert (lockB.l1 - lockA.l1).size() == 2
    assert helloUse(lockB.l1) == ['greeting', 'colour', 'l10n_de', '-l10n_fr'] as Set : lockB.l1
    assert log(2).contains('zentoo.lock: updated')
    assert log(2) =~ /\[l1\] zentoo\.lock \+ package app-misc\/hello-1\.0::zentoo-test/

    // 3. config and lock reverted: the same lock, byte-identical stages, nothing compiled.
    assert file('zentoo.lock').text.contains('version 1')
    def afterRevert = records(new File(basedir, 'target/lock-before-frozen').text)
    assert afterRevert == lockA
    def stagesA = sums('target/stages-a.sha256')
    assert stagesA.keySet() == ['stage3-l1.tar.zst', 'stage3-l2.tar.zst'] as Set
    assert sums('target/stages-b.sha256')['stage3-l1.tar.zst'] != stagesA['stage3-l1.tar.zst']
    ['l1', 'l2'].each { m ->
        assert fixture.sha256(file("target/zentoo/stages/stage3-${m}.tar.zst")) == stagesA["stage3-${m}.tar.zst"] : m
    }
    assert log(3) =~ /\[l1\] building @world/
    assert !(log(3) =~ />>> Emerging \(/) : 'the reverted build compiled something'
    assert log(3).contains('exactly the') && log(3).contains('instances zentoo.lock pins')
    assert file('target/zentoo/logs/l1-assemble.log').text.contains('every installed package is the locked instance')

    // 4. Frozen with a drifted config: fails before assembly, lists the difference, no stage, lock untouched.
    assert log(4).contains('-Dzentoo.lock.frozen: the build resolves differently from the lock')
    assert log(4) =~ /\[l1\] - config sha256:[0-9a-f]{64}/
    assert log(4) =~ /\[l1\] \+ config sha256:[0-9a-f]{64}/
    assert !(log(4) =~ /\[l2\] [-+] /)
    assert !(log(4) =~ /\[l\d\] building @world/)
    assert !file('target/zentoo-frozen/stages').exists()
    assert file('target/lock-before-move').text == file('target/lock-before-frozen').text

    // 5. l2's locked hello instance hidden: assembly fails naming it and its hash, no stage.
    def hidden = file('target/hidden-instance').text.trim()
    assert hidden ==~ /[0-9a-f]{64}/
    assert log(5).contains("locked instance missing: app-misc/hello-1.0::zentoo-test sha256:${hidden}")
    assert !file('target/zentoo-hidden/stages/stage3-l2.tar.zst').exists()

    // 6. The tag moved: the locked image is used and the log says so; the stages are still A's.
    def stageId = file('target/stage-id').text.trim()
    def movedId = file('target/moved-id').text.trim()
    assert stageId != movedId
    assert log(6).contains("seed tag ${env.SEED} moved: it now resolves to ${movedId}; the locked ${stageId} is used")
    ['l1', 'l2'].each { m ->
        assert fixture.sha256(file("target/zentoo-moved/stages/stage3-${m}.tar.zst")) == stagesA["stage3-${m}.tar.zst"] : m
    }

    // 7. Frozen, the moved tag fails the build with the seed's difference.
    assert log(7).contains("[l1] - seed ${env.SEED} ${stageId}")
    assert log(7).contains("[l1] + seed ${env.SEED} ${movedId}")
    assert !file('target/zentoo-frozen2/stages').exists()

    // 8. zentoo:lock -Dzentoo.lock.update moved the seed lines; config lines stay.
    def moved = records(file('target/lock-before-break').text)
    ['l1', 'l2'].each { m ->
        assert moved[m][0] == "seed ${env.SEED} ${movedId}".toString()
        assert moved[m].find { it.startsWith('config ') } == lockA[m].find { it.startsWith('config ') }
    }

    // 9. A broken line: zentoo.lock:LINE and what was expected.
    def broken = file('zentoo.lock').readLines().findIndexOf { it == '  config sha256:nothex' } + 1
    assert broken > 0
    assert log(9).contains("zentoo.lock:${broken}: config: \"sha256:nothex\" is not a digest")
} finally {
    ['docker', 'rmi', env.SEED, env.MOVED].execute().waitFor()
    fixture.removeVolumes(prefix)
}
true
