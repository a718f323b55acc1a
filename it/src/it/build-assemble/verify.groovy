// What a user would check after `mvn install` of a three-machine site.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def prefix = fixture.volumePrefix('build')
import java.security.MessageDigest

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
// o1 has web02's USE and CHOST but other CFLAGS: it shares nothing.
assert compiled(zentoo, 'o1') == 3
['web01', 'web02', 'alt01', 'o1'].each { m ->
    assert compiled(again, m) == 0 : "$m compiled again on the second run"
}

// The assembly installed binaries only, from a store it could not write to.
['web01', 'web02', 'alt01'].each { m ->
    def log = new File(zentoo, "logs/${m}-assemble.log").readLines()
    assert log.any { it.startsWith('[zentoo] binpkg store is read-only: a write to /var/cache/binpkgs/') }
    assert log.any { it.startsWith('>>> Emerging binary (') }
    assert !log.any { it.startsWith('>>> Emerging (') } : "$m compiled during assembly"
}

// Two hello instances side by side in the shared partition, one in alt01's.
def store = ['docker', 'run', '--rm', '-v', "${prefix}-binpkgs:/b:ro", '--entrypoint', 'find',
             new File(testStageImageFile).text.trim(), '/b', '-name', 'hello-*.gpkg.tar'].execute().text.readLines().sort()
assert store.size() == 4 : store
assert store.count { it.contains('/x86_64-zentoo-linux-gnu-') } == 1 : store
def partitionsWithHello = store.collect { it.split('/')[2] }.groupBy { it }
assert partitionsWithHello.size() == 3 : 'web01+web02, o1 and alt01 have a partition each'
assert partitionsWithHello.values().collect { it.size() }.sort() == [1, 1, 2] : store

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
assert !web01.any { it.endsWith(' ./etc/hosts') && it.contains(' 0 2026-') } : "Docker's empty /etc/hosts placeholder stays out"
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

// Kernels: different fragments, different kernels; the same machine again, the
// same bytes from the kept binpkg; no KERNEL, no kernel artifact.
def kernels = new File(zentoo, 'kernels')
def kernelEntries = { File f ->
    def p = ['bash', '-c', "zstd -dc '${f}' | tar -t"].execute()
    def out = p.text
    assert p.waitFor() == 0
    out.readLines()
}
def kernelFile = { File f, String entry ->
    def p = ['bash', '-c', "zstd -dc '${f}' | tar -xO '${entry}'"].execute()
    def out = p.text
    assert p.waitFor() == 0
    out
}
def k1 = new File(kernels, 'kernel-web01.tar.zst')
def k2 = new File(kernels, 'kernel-web02.tar.zst')
assert kernelEntries(k1) == ['./', './boot/', './boot/System.map-6.1.0-zentoo', './boot/config-6.1.0-zentoo',
        './boot/vmlinuz-6.1.0-zentoo', './kernel.properties', './lib/', './lib/modules/', './lib/modules/6.1.0-zentoo/',
        './lib/modules/6.1.0-zentoo/config', './lib/modules/6.1.0-zentoo/kernel/',
        './lib/modules/6.1.0-zentoo/kernel/drivers/', './lib/modules/6.1.0-zentoo/kernel/drivers/dummy.ko',
        './lib/modules/6.1.0-zentoo/kernel/drivers/virtio_net.ko']
assert !kernelEntries(k2).contains('./lib/modules/6.1.0-zentoo/kernel/drivers/virtio_net.ko')
assert kernelFile(k1, './boot/config-6.1.0-zentoo').contains('CONFIG_VIRTIO_NET=y')
assert !kernelFile(k2, './boot/config-6.1.0-zentoo').contains('CONFIG_VIRTIO_NET')
def props = kernelFile(k1, './kernel.properties')
assert props.contains('version=6.1.0-zentoo') && props.contains('package=sys-kernel/zentoo-test-kernel-6.1::zentoo-test')
assert props.contains('use=-debug')
assert !new File(kernels, 'kernel-alt01.tar.zst').exists()
['web01', 'web02'].each { m ->
    assert sha(new File(kernels, "kernel-${m}.tar.zst")) == sha(new File(again, "kernels/kernel-${m}.tar.zst"))
    assert !new File(again, "logs/${m}-kernel.log").readLines().any { it.startsWith('>>> Emerging (') } : "$m kernel rebuilt"
}

// The third run changed nothing: every step says so and no container ran.
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./)
def third = runs[-1]
['web01', 'web02', 'alt01'].each { m ->
    boolean built = third.contains("[${m}] unchanged since its last build")
    assert built : "$m was built again"
    boolean assembled = third.contains("[${m}] unchanged since its last assembly")
    assert assembled : "$m was assembled again"
}
// (The snapshot volume's marker is still checked, in one short container.)
boolean quiet = !third.contains('>>> Emerging') && !third.contains('[zentoo] installing the rendered configuration') &&
        !third.contains('building @world') && !third.contains(' ready')
assert quiet : 'the third run built, assembled or made a kernel'
['web01', 'web02'].each { m ->
    boolean kept = third.contains("[${m}] unchanged since its last kernel")
    assert kept : "$m kernel was made again"
}

// Installed into the local repository as classified artifacts.
def repo = new File(localRepositoryPath, 'org/zentoo/it/build-assemble/1.0')
assert new File(repo, 'build-assemble-1.0-stage3-web01.tar.zst').isFile()
assert new File(repo, 'build-assemble-1.0-packages-alt01.txt').isFile()
assert new File(repo, 'build-assemble-1.0-kernel-web01.tar.zst').isFile()

// Leave the host as it was.
fixture.removeVolumes(prefix)
return true
