// What a user would check after `mvn install` of a three-machine site.
import java.security.MessageDigest

def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def volumes = fixture.volumePrefix('build')

def zentoo = new File(basedir, 'target/zentoo')
def again = new File(basedir, 'target/zentoo-again')

def count = { File log, String pattern -> log.readLines().count { it.startsWith(pattern) } }
def compiled = { File dir, String m -> count(new File(dir, "logs/${m}-build.log"), '>>> Emerging (') }
def fromBinary = { File dir, String m -> count(new File(dir, "logs/${m}-build.log"), '>>> Emerging binary (') }

// One compile per (package, USE, build ABI): web02 shares web01's ABI and reuses
// caps and world, but needs its own hello (no greeting); alt01 has its own CHOST.
assert compiled(zentoo, 'web01') == 3
assert compiled(zentoo, 'web02') == 1 && fromBinary(zentoo, 'web02') == 2
assert compiled(zentoo, 'alt01') == 3
['web01', 'web02', 'alt01'].each { m ->
    assert compiled(again, m) == 0 : "$m compiled again on the second run"
}

// The assembly installed binaries only.
['web01', 'web02', 'alt01'].each { m ->
    def log = new File(zentoo, "logs/${m}-assemble.log").readLines()
    assert log.any { it.startsWith('>>> Emerging binary (') }
    assert !log.any { it.startsWith('>>> Emerging (') } : "$m compiled during assembly"
}

// Two hello instances side by side in the shared partition, one in alt01's.
def store = ['docker', 'run', '--rm', '-v', "${volumes}-binpkgs:/b:ro", '--entrypoint', 'find',
             new File(testStageImageFile).text.trim(), '/b', '-name', 'hello-*.gpkg.tar'].execute().text.readLines().sort()
assert store.size() == 3 : store
assert store.count { it.contains('/x86_64-pc-linux-gnu-') } == 2 : store
assert store.count { it.contains('/x86_64-zentoo-linux-gnu-') } == 1 : store

// Each stage holds exactly its machine's variant, and its rendered config.
def listing = { File stage ->
    def p = ['bash', '-c', "zstd -dc '${stage}' | tar -tv --numeric-owner"].execute()
    def out = p.text
    assert p.waitFor() == 0
    out.readLines()
}
def stages = new File(zentoo, 'stages')
def web01 = listing(new File(stages, 'stage3-web01.tar.zst'))
def web02 = listing(new File(stages, 'stage3-web02.tar.zst'))
assert web01.any { it.endsWith(' ./usr/share/hello/greeting.txt') }
assert !web02.any { it.endsWith(' ./usr/share/hello/greeting.txt') }
assert web01.any { it.endsWith(' ./usr/share/hello/de.txt') }
assert web01.any { it.endsWith(' ./etc/portage/package.use/02-greeting') }
assert web01.any { it.contains(' ./etc/runlevels/default/hello-world -> /etc/init.d/hello-world') }
assert web01.any { it.startsWith('-rws--x--x 0/0') && it.endsWith(' ./usr/bin/caps-suid') }
assert !web01.any { it.endsWith(' ./.dockerenv') }
assert web01.every { it.contains(' 2026-01-01 00:00 ') || !it.contains(' 2026-') } : 'mtimes clamped to outputTimestamp'

// The package list says which USE each package got.
def packages = new File(stages, 'packages-web01.txt').text
assert packages.contains('app-misc/hello-1.0::zentoo-test USE="greeting colour l10n_de -l10n_fr"') : packages
assert new File(stages, 'packages-web02.txt').text.contains('app-misc/hello-1.0::zentoo-test USE="-greeting colour -l10n_de -l10n_fr"')

// Same inputs, byte-identical tarballs.
def sha = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
['web01', 'web02', 'alt01'].each { m ->
    assert sha(new File(stages, "stage3-${m}.tar.zst")) == sha(new File(again, "stages/stage3-${m}.tar.zst")) : "$m differs"
}

// Installed into the local repository as classified artifacts.
def repo = new File(localRepositoryPath, 'org/zentoo/it/build-assemble/1.0')
assert new File(repo, 'build-assemble-1.0-stage3-web01.tar.zst').isFile()
assert new File(repo, 'build-assemble-1.0-packages-alt01.txt').isFile()

// Leave the host as it was.
fixture.removeVolumes(volumes)
return true
