// Signed binpkgs on the binhost, an incremental publish, a machine started from
// m1's stage updating from it, refusals of tampered and unsigned binpkgs, and no
// secret anywhere. Cleans up the client, its image, nginx, the network, the volumes.
import groovy.xml.XmlSlurper

def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def binhost = evaluate(new File(basedir, 'binhost.groovy'))
def logs = (1..15).collectEntries { n ->
    [n, basedir.listFiles().find { it.name.startsWith("build-${n}-") || it.name == "build-${n}.log" }?.text ?: '']
}
def fpr = new File(basedir, 'target/keys/fingerprint').text.trim()
def passphrase = new XmlSlurper().parse(new File(itSettingsFile)).servers.server
        .find { it.id.text() == 'zentoo-it-signing' }.password.text()
def secretLines = new File(basedir, 'target/keys/secret.asc').readLines()
        .findAll { it.length() > 40 && !it.startsWith('-----') }
// A member of a tar archive: where its data starts and its size (ustar/GNU headers, 512-byte blocks).
def tarMember = { byte[] tar, java.util.regex.Pattern name ->
    int at = 0
    while (at + 512 <= tar.length && tar[at] != 0) {
        def field = { int from, int length ->
            def text = new String(tar, at + from, length, 'ISO-8859-1')
            (text.indexOf(0) < 0 ? text : text.substring(0, text.indexOf(0))).trim()
        }
        long size = Long.parseLong(field(124, 12) ?: '0', 8)
        if (field(0, 100) ==~ name) {
            return [offset: at + 512, size: (int) size]
        }
        at += 512 + (int) ((size + 511).intdiv(512) * 512)
    }
    null
}
try {
    // 1. Signed builds, assembly with signatures required, publish of both partitions.
    assert logs[1].contains("every binpkg signed by ${fpr}")
    assert logs[1].contains("[zentoo] signing binpkgs with key ${fpr}")
    assert logs[1].contains("the one trusted key in /etc/portage/gnupg is the site's, ${fpr}")
    def partitions = new File(binhost.root, 'binhost').listFiles().findAll { it.isDirectory() }
    assert partitions.size() == 2 : "two partitions published: ${partitions*.name}"
    partitions.each { p ->
        assert new File(p, 'Packages').isFile()
        assert new File(p, 'zentoo-sha256sums').isFile()
        def gpkgs = []
        p.eachFileRecurse { if (it.name.endsWith('.gpkg.tar')) gpkgs << it }
        assert !gpkgs.isEmpty()
        // Every published gpkg of invocation 1 carries signatures of its parts.
        def members = ['tar', 'tf', gpkgs.find { it.name.startsWith('world-') }.path].execute().text
        assert members.contains('metadata.tar.zst.sig') && members.contains('image.tar.zst.sig') : members
    }

    // 2. Nothing changed: port 2's access log has the manifest GETs and not a single PUT or MKCOL.
    def second = new File(binhost.prefix, 'access-2.log').readLines()
    assert second.count { it.contains('"PUT ') } == 0 : second
    assert second.count { it.contains('"MKCOL ') } == 0 : second
    assert second.count { it.contains('"GET /binhost/') && it.contains('zentoo-sha256sums') } == 2 : second
    assert logs[2].contains('0 files uploaded')
    def first = new File(binhost.prefix, 'access-1.log').readLines()
    println "binhost-signed: PUT requests: ${first.count { it.contains('"PUT ') }} on port 1 (invocations 1, 3, 4), 0 on port 2"

    // 3. and 4.: the new variant signed, the third unsigned and said so.
    assert logs[3].contains("[zentoo] signing binpkgs with key ${fpr}")
    assert logs[4].contains('binpkgs are unsigned (no zentoo.binpkg.signingKey)')
    assert !logs[4].contains('[zentoo] signing binpkgs')
    // 5. Assembly refuses the unsigned binpkg by name.
    assert logs[5] =~ /refused binpkg app-misc\/hello\/hello-1\.0-\d+\.gpkg\.tar: no valid signature by the site's key ${fpr}/

    // zentoo:gc. The dry run names config-c's variant, the one instance no lock keeps, and removes nothing.
    def unlocked = new File(basedir, 'target/unlocked').readLines()
    assert unlocked.size() == 1 : unlocked
    def (m1Key, unlockedPath) = [unlocked[0].substring(0, unlocked[0].indexOf('/')), unlocked[0].substring(unlocked[0].indexOf('/') + 1)]
    assert logs[8].contains("gc ${m1Key}: would remove ${unlockedPath}")
    assert logs[8].readLines().count { it =~ /gc \S+: would remove / } == 1 : 'one instance only'
    // During the build it refuses, and says so; with zentoo.gc.wait it waits, and says so.
    assert logs[9].contains('refused: a build is using this store; nothing was removed')
    assert logs[10].contains('a build is using this store: waiting up to 600 s')
    assert logs[10].contains('the build finished: collecting')
    assert logs[10].contains("gc ${m1Key}: removes ${unlockedPath}")
    assert logs[10].readLines().count { it =~ /gc \S+: removes / } == 1 : 'only config-c\'s variant goes'
    def m1Row = logs[10].readLines().find { it.contains("[${m1Key}] kept ") }
    assert m1Row =~ /kept \d+ \(\d+ KiB\), removed 1 \(\d+ KiB\)/ : m1Row
    assert logs[10].readLines().any { it =~ /\] kept \d+ \(\d+ KiB\), removed 0 \(0 KiB\)/ } : 'm2\'s partition loses nothing'
    // The build zentoo:gc met (7): a real zentoo:build of m1, held in its emerge until zentoo:gc
    // waited for it (the gate), which then ran to the end, installing every binpkg from the store.
    def ended = new File(basedir, 'target/running-build.exit')
    for (int i = 0; i < 60 && !ended.exists(); i++) {
        sleep 1000
    }
    def running = new File(basedir, 'running-build.log').text
    assert ended.exists() && ended.text.trim() == '0' : "the held zentoo:build did not succeed:\n${running.readLines().takeRight(40).join('\n')}"
    assert logs[7].contains('a zentoo:build of m1 is in flight: its container ')
    def gateLog = new File(basedir, 'target/gate.log').text
    assert gateLog =~ /zentoo:gc container \w+ waits for the build: gate opened/ : gateLog
    assert running.readLines().any { it =~ /^\[INFO\] m1\s+\S+\s+OK\s+\S+\s+0 compiled, [1-9]\d* reused/ } : running
    // The index names exactly the files left, and the kept variants still assemble.
    def prefix = new File(basedir, '.mvn/maven.config').readLines().find { it.startsWith('-Dzentoo.volumePrefix=') }.substring(22)
    def (ci, index) = binhost.sh(['docker', 'run', '--rm', '-v', "${prefix}-binpkgs:/b:ro", fixture.testStage(), 'bash', '-c',
            "cd /b/${m1Key} && diff <(sed -n 's/^PATH: //p' Packages | sort) <(find . -name '*.gpkg.tar' | sed 's,^./,,' | sort) && echo INDEX-MATCHES"])
    assert ci == 0 && index.contains('INDEX-MATCHES') : index
    assert new File(basedir, 'target/zentoo-gc/stages/stage3-m1.tar.zst').isFile()
    assert new File(basedir, 'target/zentoo-gc/stages/stage3-m2.tar.zst').isFile()
    assert new File(basedir, 'target/zentoo-gc-b/stages/stage3-m1.tar.zst').isFile()
    assert new File(basedir, 'target/zentoo-gc-b/stages/packages-m1.txt').text.contains('l10n_de')

    // The machine: m1's stage from invocation 1, on the project's network.
    def stage = new File(basedir, 'target/zentoo/stages/stage3-m1.tar.zst')
    binhost.startClient(stage)
    def (c0, conf) = binhost.client('cat /etc/portage/binrepos.conf/zentoo.conf')
    assert c0 == 0 : conf
    def m1Partition = partitions.find { conf.contains("sync-uri = http://") && conf.contains("/binhost/${it.name}/") }
    assert m1Partition != null : conf
    assert conf.contains('verify-signature = true')
    def (c1, trust) = binhost.client('gpg --homedir /etc/portage/gnupg --batch --with-colons --list-keys 2>/dev/null')
    assert c1 == 0 && trust.readLines().any { it.startsWith('pub:u:') } && trust.contains(":${fpr}:") : trust
    assert trust.readLines().count { it.startsWith('pub:') } == 1 : 'the site key is the only key'
    // The stage has no repository (the snapshot was a volume); the machine gets the seed's, as a sync would.
    def (cr, repo) = binhost.sh(['bash', '-c', "c=\$(docker create ${fixture.testStage()} true) && docker cp \$c:/var/db/repos/. - | docker cp - ${binhost.clientName}:/var/db/repos/; rc=\$?; docker rm -f \$c >/dev/null; exit \$rc"])
    assert cr == 0 : repo
    // The test stage fetches from its distfiles store; a real machine has wget.
    def emerge = '''export FETCHCOMMAND="python3 -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' \\"\\${URI}\\" \\"\\${DISTDIR}/\\${FILE}\\""; export RESUMECOMMAND="$FETCHCOMMAND"; emerge --getbinpkg --usepkgonly --binpkg-respect-use=y -uDN --color=n --nospinner --verbose @world 2>&1'''
    def (c2, up) = binhost.client("echo 'app-misc/hello greeting l10n_de' > /etc/portage/package.use/zz-day-two && " + emerge)
    println up
    assert c2 == 0 : up
    assert up =~ /\[binary[^\]]*\]\s+app-misc\/hello-1\.0-\d+::zentoo-test\s+USE="[^"]*greeting[^"]*"\s+L10N="de\*/ : 'the new variant came from the binhost'
    assert up.contains('hello-1.0-2.gpkg.tar MD5 SHA1 size ;-)') : 'fetched and checked against the index'
    def (c3, de) = binhost.client('test -f /usr/share/hello/de.txt && test -f /usr/share/hello/greeting.txt')
    assert c3 == 0 : 'de.txt installed'

    // Unsigned on the server (config-c's variant): refused by the machine.
    def (c4, unsigned) = binhost.client("echo 'app-misc/hello greeting l10n_fr' > /etc/portage/package.use/zz-day-two && " + emerge)
    println unsigned
    assert c4 != 0 && unsigned.contains('GnuPG verification failed') : unsigned
    assert binhost.client('test ! -e /usr/share/hello/fr.txt')[0] == 0

    // One flipped byte in the signed variant of invocation 1 on the server, in the middle of its
    // image.tar.zst, the member that image.tar.zst.sig signs. Portage checks the Manifest's signature
    // (intact here), then feeds each member to gpg with its detached signature and compares the
    // Manifest's hashes only after gpg has accepted it: with signatures checked, gpg refuses first;
    // with them off, the hash would (a DigestException, which is not the line asserted below).
    def original = []
    m1Partition.eachFileRecurse { if (it.name ==~ /hello-1\.0-1\.gpkg\.tar/) original << it }
    assert original.size() == 1
    def bytes = original[0].bytes
    def image = tarMember(bytes, ~/[^\/]+\/image\.tar\.zst/)
    assert image != null : "no image.tar.zst in ${original[0]}"
    bytes[image.offset + image.size.intdiv(2)] ^= 1
    original[0].bytes = bytes
    // The index on the server is changed to match, so Portage's digest check passes and the signature is what refuses it.
    def served = new File(m1Partition, 'Packages')
    def hex = { String algorithm -> java.security.MessageDigest.getInstance(algorithm).digest(bytes).encodeHex().toString() }
    served.text = served.text.split('\n\n').collect { block ->
        block.contains('PATH: app-misc/hello/hello-1.0-1.gpkg.tar')
                ? block.replaceAll(/(?m)^MD5: .*$/, "MD5: ${hex('MD5')}").replaceAll(/(?m)^SHA1: .*$/, "SHA1: ${hex('SHA-1')}")
                : block
    }.join('\n\n')
    def (c5, flipped) = binhost.client("echo 'app-misc/hello greeting' > /etc/portage/package.use/zz-day-two && rm -rf /var/cache/binpkgs/* /var/cache/binhost/* && " + emerge)
    println flipped
    assert c5 != 0 && !flipped.contains('Digest verification failed') : flipped
    assert flipped.contains('GnuPG verification failed') : flipped
    assert binhost.client('test -f /usr/share/hello/de.txt')[0] == 0 : 'the flipped variant was not installed'

    // No secret in any log, nor in the stages or anything else under target/zentoo.
    logs.each { n, text ->
        assert !text.contains(passphrase) : "the passphrase is in build log ${n}"
        secretLines.each { assert !text.contains(it) : "the secret key is in build log ${n}" }
    }
    // The scan fails on a find, a read or a grep that fails, as it does on a secret found.
    def patterns = new File(basedir, 'target/keys/patterns')
    patterns.text = ([passphrase] + secretLines).join('\n') + '\n'
    def (scanned, leaks) = binhost.sh(['bash', '-c', """cd '${basedir}' || exit 3
        find target/zentoo* -type f -print0 > target/keys/scan-list || { echo 'SCAN-FAILED find'; exit 3; }
        n=0; bad=0
        while IFS= read -r -d '' f; do
          case \$f in *.tar.zst) zstd -dc -- "\$f" ;; *) cat -- "\$f" ;; esac | grep -a -c -F -f target/keys/patterns >/dev/null
          s=("\${PIPESTATUS[@]}")
          if [ "\${s[0]}" -ne 0 ] || [ "\${s[1]}" -gt 1 ]; then echo "SCAN-FAILED \$f (read \${s[0]}, grep \${s[1]})"; bad=1
          elif [ "\${s[1]}" -eq 0 ]; then echo "LEAK \$f"; bad=1; fi
          n=\$((n + 1))
        done < target/keys/scan-list
        echo "SCANNED \$n"; exit \$bad"""], 300)
    patterns.delete()
    assert scanned == 0 && !leaks.contains('LEAK') && !leaks.contains('SCAN-FAILED') : leaks
    assert (leaks =~ /SCANNED (\d+)/)[0][1].toInteger() > 10 : leaks
    def (c6, stageList) = binhost.sh(['bash', '-c', "zstd -dc '${stage}' | tar -t | grep -c 'etc/portage/gnupg/' "])
    assert stageList.trim().toInteger() >= 2 : 'the stage carries its trust home'

    // --- Signatures at rebuild-check and at assembly (invocations 13-15) ---
    // 13. rebuild-check on a signing site: the rebuild signs with the site's key, and each
    //     package's payload (every gpkg member but *.sig and the Manifest) is the store's.
    assert logs[13].contains("[zentoo] signing binpkgs with key ${fpr}") : 'the rebuild signs as the site\'s build did'
    ['app-misc/hello-1.0', 'app-misc/world-1.0', 'app-misc/caps-1.0'].each { cpv ->
        assert logs[13].contains("[m2] reproducible: ${cpv}") : "${cpv} not reported reproducible"
    }
    assert !logs[13].contains('not reproducible: app-')
    assert logs[13] =~ /m2 .*3 reproducible, 0 not reproducible \(signatures aside\), stage3 not compared \(signed binpkgs\)/
    assert logs[13].contains('BUILD SUCCESS')

    // 14. and 15. tamper-gpkg.py names the two binpkgs it changed; assembly refuses each, by name,
    //     with gpg's refusal: a bad signature over the changed Manifest, a signature by a key the
    //     machine's trust home does not have.
    def tampered = logs[14].readLines().findAll { it.contains('tampered: ') }
            .collect { it.substring(it.indexOf('tampered: ') + 10).split(': ')[0] }
    assert tampered.size() == 2 && tampered[0] ==~ /app-misc\/hello\/hello-1\.0-\d+\.gpkg\.tar/
            && tampered[1] ==~ /app-misc\/world\/world-1\.0-\d+\.gpkg\.tar/ : logs[14]
    tampered.each { path ->
        assert logs[15].readLines().any { it.contains("'") && it.contains(path) && it.endsWith(', GnuPG verification failed') } :
                "Portage did not refuse ${path} on its signature"
        assert logs[15] =~ /refused binpkg ${java.util.regex.Pattern.quote(path)}: no valid signature by the site's key ${fpr}/
    }
    // gpg's own words are in the step logs (Portage's " * " lines are not echoed to the build log).
    def stepLog = { String m -> new File(basedir, "target/zentoo-tampered/logs/${m}-assemble.log").text }
    assert stepLog('m1').contains("[GNUPG:] BADSIG ${fpr.substring(24)}") : 'the changed hello: a bad signature by the site key'
    def noPubkey = stepLog('m2').readLines().find { it.contains('[GNUPG:] NO_PUBKEY ') }
    assert noPubkey != null && !noPubkey.contains(fpr.substring(24)) : 'the re-signed world: a key the machine does not have'
    assert stepLog('m2').contains('binpkg signed with at least one unknown key')
    ['m1', 'm2'].each { m ->
        assert !new File(basedir, "target/zentoo-tampered/stages/stage3-${m}.tar.zst").exists() : "${m}: a stage was made"
    }
} finally {
    binhost.cleanup()
    fixture.removeVolumes(fixture.volumePrefix('binhost'))
}
return true
