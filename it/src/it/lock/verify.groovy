// The zentoo.lock lifecycle (see invoker.properties for the twelve invocations).
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
// A file of a packed stage, as GNU tar on this host extracts it: the oracle is not Zentoo's reader.
def fromStage = { File stage, String member ->
    def p = ['tar', '--zstd', '-xOf', stage.path, member].execute()
    def out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream()
    p.waitForProcessOutput(out, err)
    assert p.exitValue() == 0 : "GNU tar cannot extract ${member} from ${stage}: ${err}"
    out.toByteArray()
}
def sha256Of = { byte[] bytes -> java.security.MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString() }
// The lock's package lines of one record as the stage's /var/lib/zentoo/instances writes them: "cat/pf::repo sha256:HEX".
def instanceLines = { List<String> lines ->
    lines.findAll { it.startsWith('package ') }.collect { def w = it.split(' '); "${w[1]} ${w[2]}".toString() } as Set
}

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

    // The seed brings app-misc/clock (setup.groovy): pinned with the seed, by the SHA-256 of its vdb CONTENTS.
    lockA.each { m, lines ->
        assert lines.any { it ==~ /package app-misc\/clock-1\.0::zentoo-test sha256:[0-9a-f]{64} USE=""/ } : "${m}: ${lines}"
    }

    // 3. config and lock reverted: the same lock; l1's stage, assembled again, byte-identical to A's; nothing compiled.
    // (l2's config never changed, so its stage was kept: its fresh assembly is compared at 6.)
    assert file('zentoo.lock').text.contains('version 1')
    def afterRevert = records(new File(basedir, 'target/lock-before-frozen').text)
    assert afterRevert == lockA
    def stagesA = sums('target/stages-a.sha256')
    assert stagesA.keySet() == ['stage3-l1.tar.zst', 'stage3-l2.tar.zst'] as Set
    assert sums('target/stages-b.sha256')['stage3-l1.tar.zst'] != stagesA['stage3-l1.tar.zst']
    assert log(3) =~ /\[l1\] assembling from binpkgs of partition \S+ \(read-only\), exactly the \d+ instances zentoo.lock pins/
    assert log(3).contains('[l2] unchanged since its last assembly: stage3-l2.tar.zst is kept as it is')
    def l1Reverted = file('target/zentoo/stages/stage3-l1.tar.zst')
    assert fixture.sha256(l1Reverted) == stagesA['stage3-l1.tar.zst']
    assert new String(fromStage(l1Reverted, './var/lib/zentoo/instances'), 'UTF-8').readLines().findAll { it } as Set ==
            instanceLines(lockA.l1)
    assert log(3) =~ /\[l1\] building @world/
    assert !(log(3) =~ />>> Emerging \(/) : 'the reverted build compiled something'
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

    // 6, 7. The store holds a newer instance of hello with l2's USE: a later release's build compiled
    // it while the locked one was hidden, then that came back. Portage orders the instances of one
    // version by BUILD_TIME, so emerge --usepkgonly alone would take the newer one.
    def newer = file('target/newer-instance').text.trim()
    def metadata = { String name ->
        file(name).readLines().collectEntries { l -> def (k, v) = (l + ' ').split(' ', 2); [(k): v.trim()] }
    }
    def newerMeta = metadata('target/newer-metadata')
    def lockedMeta = metadata('target/locked-metadata')
    assert newer ==~ /[0-9a-f]{64}/ && newer != hidden
    assert log(6) =~ />>> Emerging \(\d+ of \d+\) app-misc\/hello-1\.0::zentoo-test/ : 'hello was not compiled again'
    assert newerMeta.USE == lockedMeta.USE : "the newer instance must have the locked one's USE: ${newerMeta} ${lockedMeta}"
    assert (newerMeta.BUILD_ID as int) > (lockedMeta.BUILD_ID as int) : "${newerMeta} ${lockedMeta}"
    assert (newerMeta.BUILD_TIME as long) > (lockedMeta.BUILD_TIME as long) : "${newerMeta} ${lockedMeta}"
    // What the stage holds, read from its tarball on this host: exactly the lock's instances,
    // the locked hello (its BUILD_ID, not the newer one's), the seed's clock by its CONTENTS.
    def pinnedStage = file('target/zentoo-pinned/stages/stage3-l2.tar.zst')
    def lockPinned = records(file('target/lock-before-pinned').text)
    assert lockPinned == lockA
    def installed = new String(fromStage(pinnedStage, './var/lib/zentoo/instances'), 'UTF-8').readLines().findAll { it }
    assert installed as Set == instanceLines(lockPinned.l2)
    assert !installed.any { it.endsWith(" sha256:${newer}") }
    assert new String(fromStage(pinnedStage, './var/db/pkg/app-misc/hello-1.0/BUILD_ID'), 'UTF-8').trim() ==
            lockedMeta.BUILD_ID
    def clock = lockPinned.l2.find { it.startsWith('package app-misc/clock-1.0::zentoo-test ') }
    assert clock.split(' ')[2] == 'sha256:' + sha256Of(fromStage(pinnedStage, './var/db/pkg/app-misc/clock-1.0/CONTENTS'))
    assert file('target/zentoo-pinned/logs/l2-assemble.log').text
            .contains('[zentoo] locked app-misc/clock-1.0::zentoo-test comes with the seed')
    // l2's stage, assembled afresh, has A's bytes; the lock stays as it was.
    assert fixture.sha256(pinnedStage) == stagesA['stage3-l2.tar.zst']
    assert file('target/lock-before-move').text == file('target/lock-before-pinned').text

    // 8. The tag moved: the locked image is used and the log says so; l1's stage is still A's.
    def seedId = file('target/seed-id').text.trim()
    def movedId = file('target/moved-id').text.trim()
    assert seedId != movedId
    assert log(8).contains("seed tag ${env.SEED} moved: it now resolves to ${movedId}; the locked ${seedId} is used")
    assert fixture.sha256(file('target/zentoo-moved/stages/stage3-l1.tar.zst')) == stagesA['stage3-l1.tar.zst']

    // 9. Frozen, the moved tag fails the build with the seed's difference.
    assert log(9).contains("[l1] - seed ${env.SEED} ${seedId}")
    assert log(9).contains("[l1] + seed ${env.SEED} ${movedId}")
    assert !file('target/zentoo-frozen2/stages').exists()

    // 10. zentoo:lock -Dzentoo.lock.update moved the seed and snapshot lines, and dropped the package
    // lines (the next assembly records what the new seed gives); config lines stay.
    def moved = records(file('target/lock-updated').text)
    ['l1', 'l2'].each { m ->
        assert moved[m][0] == "seed ${env.SEED} ${movedId}".toString()
        assert moved[m][1] == "snapshot seed ${movedId}".toString()
        assert moved[m].find { it.startsWith('config ') } == lockA[m].find { it.startsWith('config ') }
        assert !moved[m].any { it.startsWith('package ') } : "${m}: ${moved[m]}"
        assert log(10).contains("[${m}] zentoo.lock - package app-misc/hello-1.0::zentoo-test ")
    }

    // 11. l1's repositories lack the locked snapshot digest: zentoo:lock fails and names both digests.
    def drift = /\[l1\] snapshot seed is locked to sha256:7{64} \(zentoo\.lock\), but volume \S+ holds / +
            java.util.regex.Pattern.quote(movedId) + /\. A locked snapshot is never replaced/
    assert log(11) =~ drift

    // 12. A broken line: zentoo.lock:LINE and what was expected.
    def broken = file('zentoo.lock').readLines().findIndexOf { it == '  config sha256:nothex' } + 1
    assert broken > 0
    assert log(12).contains("zentoo.lock:${broken}: config: \"sha256:nothex\" is not a digest")
} finally {
    ['docker', 'rmi', env.SEED, env.MOVED].execute().waitFor()
    fixture.removeVolumes(prefix)
}
true
