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
// caps and world, but needs its own hello (no greeting) and systemd; alt01 has its
// own CHOST.
assert compiled(zentoo, 'web01') == 3
assert compiled(zentoo, 'web02') == 2 && fromBinary(zentoo, 'web02') == 2
assert compiled(zentoo, 'alt01') == 3
// o1 has web02's USE and CHOST but other CFLAGS: it shares nothing.
assert compiled(zentoo, 'o1') == 3
['web01', 'web02', 'alt01', 'o1'].each { m ->
    assert compiled(again, m) == 0 : "$m compiled again on the second run"
}

// The compiler is ${CHOST}-gcc (tc-getCC), as in a real ebuild: the test stage has
// it for both CHOSTs. hello's build prints its compile command.
def compileLine = { String m -> new File(zentoo, "logs/${m}-build.log").readLines().find { it.contains(' -o hello hello.c') } }
assert compileLine('web01')?.startsWith('x86_64-pc-linux-gnu-gcc ') : compileLine('web01')
assert compileLine('alt01')?.startsWith('x86_64-zentoo-linux-gnu-gcc ') : compileLine('alt01')

// Distfiles come through FETCHCOMMAND into the empty distfiles volume: the test
// stage has none in /var/cache/distfiles (Docker would copy them into the volume);
// after the builds the volume holds hello-1.0.tar.gz with the image's sha256, and
// the fetch command's own note (stage/files/zentoo-test-fetch) says it fetched it.
// Portage fetches in the background, so the build logs only show the digest check.
def image = new File(testStageImageFile).text.trim()
def inImage = fixture.dockerLines(['run', '--rm', '--entrypoint', 'find', image, '/var/cache/distfiles', '-mindepth', '1'])
assert inImage.isEmpty() : "the test stage brings distfiles: ${inImage}"
def distfiles = ['docker', 'run', '--rm', '-v', "${prefix}-distfiles:/d:ro", '--entrypoint', 'bash', image, '-c',
                 'sha256sum /d/hello-1.0.tar.gz /usr/share/zentoo-test/distfiles/hello-1.0.tar.gz; cat /d/.zentoo-test-fetch.log']
        .execute().text.readLines()
assert distfiles.size() >= 3 : distfiles
def sums = distfiles.take(2)*.split(' ')*.getAt(0)
assert sums[0] == sums[1] : "hello-1.0.tar.gz in the distfiles volume: ${distfiles}"
assert distfiles.drop(2).contains('hello-1.0.tar.gz') : "FETCHCOMMAND did not fetch hello-1.0.tar.gz: ${distfiles}"
assert ['web01', 'alt01', 'o1'].every { m -> new File(zentoo, "logs/${m}-build.log").readLines().any {
    it ==~ / \* hello-1\.0\.tar\.gz BLAKE2B SHA512 size ;-\) \.\.\..*\[ ok \]/ } } : 'Portage checked the fetched distfile'

// The assembly installed binaries only, from a store it could not write to.
['web01', 'web02', 'alt01'].each { m ->
    def log = new File(zentoo, "logs/${m}-assemble.log").readLines()
    assert log.any { it.startsWith('[zentoo] binpkg store mounted read-only (checked): /var/cache/binpkgs/') }
    assert log.any { it.startsWith('>>> Emerging binary (') }
    assert !log.any { it.startsWith('>>> Emerging (') } : "$m compiled during assembly"
}

// Two hello instances side by side in the shared partition, one in alt01's.
def store = ['docker', 'run', '--rm', '-v', "${prefix}-binpkgs:/b:ro", '--entrypoint', 'find',
             new File(testStageImageFile).text.trim(), '/b', '-name', 'hello-*.gpkg.tar'].execute().text.readLines().sort()
assert store.size() == 4 : store
assert store.count { it.contains('/amd64-x86_64-zentoo-linux-gnu-') } == 1 : store
def partitionsWithHello = store.collect { it.split('/')[2] }.groupBy { it }
assert partitionsWithHello.size() == 3 : 'web01+web02, o1 and alt01 have a partition each'
assert partitionsWithHello.values().collect { it.size() }.sort() == [1, 1, 2] : store

// Each stage holds exactly its machine's variant, its rendered config, its overlay,
// its services, setuid and capabilities, and no mtime after the outputTimestamp.
// GNU tar lists it with xattrs (--xattrs -vv: a "  x: LEN NAME" line after the entry)
// and full-time mtimes in UTC.
def entryLine = ~/^(\S{10})(\*?)\s+(\d+)\/(\d+)\s+(\d+|\d+,\s*\d+)\s+(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(?:\.(\d+))? (.+)$/
def tarIn = { File stage, String args ->
    def p = ['bash', '-c', "set -o pipefail; zstd -dc '${stage}' | ${args}"].execute(['TZ=UTC', 'PATH=' + System.getenv('PATH')], null)
    def out = new StringBuilder(), err = new StringBuilder()
    p.waitForProcessOutput(out, err)
    assert p.exitValue() == 0 : "${args}: ${err}"
    out.toString()
}
def listing = { File stage ->
    def entries = []
    tarIn(stage, "tar --xattrs --xattrs-include='*' --full-time --numeric-owner -tvvf -").readLines().each { line ->
        if (line.startsWith('  x: ')) {
            assert !entries.isEmpty() : line
            entries[-1].xattrs << line.substring(5).split(' ', 2)[1]
            return
        }
        def m = entryLine.matcher(line)
        assert m.matches() : "not a tar listing line: ${line}"
        def mtime = java.time.LocalDateTime.parse(m.group(6).replace(' ', 'T')).toEpochSecond(java.time.ZoneOffset.UTC)
        entries << [mode: m.group(1), owner: "${m.group(3)}/${m.group(4)}".toString(), size: m.group(5), mtime: mtime,
                    fraction: m.group(7) ?: '', name: m.group(8), xattrs: []]
    }
    entries
}
def stageEntry = { List entries, String name -> entries.find { it.name == name || it.name.startsWith(name + ' -> ') } }
def outputTimestamp = java.time.Instant.parse(new groovy.xml.XmlSlurper().parse(new File(basedir, 'pom.xml'))
        .properties.'project.build.outputTimestamp'.text()).epochSecond
def stages = new File(zentoo, 'stages')
def web01Stage = new File(stages, 'stage3-web01.tar.zst')
def web01 = listing(web01Stage)
def web02 = listing(new File(stages, 'stage3-web02.tar.zst'))
assert stageEntry(web01, './usr/share/hello/greeting.txt')
assert !stageEntry(web02, './usr/share/hello/greeting.txt')
assert stageEntry(web01, './usr/share/hello/de.txt')
assert stageEntry(web01, './etc/portage/package.use/02-greeting')
assert !stageEntry(web01, './.dockerenv')
def hosts = stageEntry(web01, './etc/hosts')
assert !(hosts && hosts['size'] == '0') : "Docker's empty /etc/hosts placeholder stays out"

// Setuid, and the capability app-misc/caps sets in pkg_postinst, as getcap reads it
// from the file GNU tar extracts.
def suid = stageEntry(web01, './usr/bin/caps-suid')
assert suid && suid.mode == '-rws--x--x' && suid.owner == '0/0' : suid
def ping = stageEntry(web01, './usr/bin/caps-ping')
assert ping && ping.xattrs.contains('security.capability') : ping
def extracted = java.nio.file.Files.createTempDirectory('zentoo-it-caps').toFile()
try {
    tarIn(web01Stage, "tar --xattrs --xattrs-include='security.capability' -xpf - -C '${extracted}' ./usr/bin/caps-ping")
    def getcap = ['getcap', new File(extracted, 'usr/bin/caps-ping').path].execute().text.trim()
    assert getcap.endsWith(' cap_net_raw=ep') : "getcap: ${getcap}"
} finally {
    extracted.deleteDir()
}

// web01's overlay file, byte for byte.
def motd = new File(basedir, 'config/machines/web01/overlay/etc/motd').text
assert tarIn(web01Stage, 'tar -xOf - ./etc/motd') == motd

// Services: web01 is an OpenRC machine (rc-update), web02 a systemd one (systemctl enable).
assert stageEntry(web01, './etc/runlevels/default/hello-world')?.name == './etc/runlevels/default/hello-world -> /etc/init.d/hello-world'
assert !stageEntry(web01, './etc/systemd/system/multi-user.target.wants/hello-world.service')
def wants = stageEntry(web02, './etc/systemd/system/multi-user.target.wants/hello-world.service')
assert wants?.name == './etc/systemd/system/multi-user.target.wants/hello-world.service -> /lib/systemd/system/hello-world.service' : wants
assert !stageEntry(web02, './etc/runlevels/default/hello-world')
assert new File(zentoo, 'logs/web01-assemble.log').readLines().contains('[zentoo] rc-update add hello-world default')
assert new File(zentoo, 'logs/web02-assemble.log').readLines().contains('[zentoo] systemctl enable hello-world')

// mtimes clamped: none after the outputTimestamp (full seconds, with any fraction),
// and the files this build made sit exactly at it.
[web01, web02].each { entries ->
    def later = entries.findAll { it.mtime > outputTimestamp || (it.mtime == outputTimestamp && it.fraction.replace('0', '')) }
    assert later.isEmpty() : "mtimes after ${outputTimestamp}: ${later.take(5)}"
    assert entries.any { it.mtime == outputTimestamp } : 'no mtime was clamped'
}

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
// The fixture kernel is Debian's 6.1.0-50-amd64 (see it/README.md): its config is
// Debian's with the machine's fragments merged over it, and a module of the fixture
// is installed only while the merged config has its symbol =m.
def kv = '6.1.0-50-amd64'
def mods = "./lib/modules/${kv}/"
def common = ['./', './boot/', "./boot/System.map-${kv}", "./boot/config-${kv}", "./boot/vmlinuz-${kv}",
        './kernel.properties', './lib/', './lib/modules/', mods, "${mods}kernel/", "${mods}kernel/drivers/",
        "${mods}kernel/drivers/net/", "${mods}kernel/drivers/net/dummy.ko", "${mods}kernel/drivers/net/net_failover.ko",
        "${mods}kernel/net/", "${mods}kernel/net/core/", "${mods}kernel/net/core/failover.ko",
        "${mods}modules.builtin", "${mods}modules.builtin.modinfo", "${mods}modules.order"]*.toString()
// web01's fragment sets CONFIG_VIRTIO_NET=y (built in, so no module); web02 keeps Debian's =m.
assert kernelEntries(k1).sort() == common.sort()
assert kernelEntries(k2).sort() == (common + "${mods}kernel/drivers/net/virtio_net.ko".toString()).sort()
// A real kernel image: bzImage's "HdrS" boot-protocol magic at 0x202.
def vmlinuz = ['bash', '-c', "zstd -dc '${k1}' | tar -xO './boot/vmlinuz-${kv}' | head -c 518 | tail -c 4"].execute().text
assert vmlinuz == 'HdrS'
def c1 = kernelFile(k1, "./boot/config-${kv}").readLines()
def c2 = kernelFile(k2, "./boot/config-${kv}").readLines()
assert c1.size() > 8000 && c1.size() == c2.size()
assert (c1 - c2) as Set == ['CONFIG_VIRTIO_NET=y', '# CONFIG_DEBUG_KERNEL is not set'] as Set
assert (c2 - c1) as Set == ['CONFIG_VIRTIO_NET=m', 'CONFIG_DEBUG_KERNEL=y'] as Set
def props = kernelFile(k1, './kernel.properties')
assert props.contains('version=6.1.0-50-amd64') && props.contains('package=sys-kernel/zentoo-test-kernel-6.1::zentoo-test')
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
