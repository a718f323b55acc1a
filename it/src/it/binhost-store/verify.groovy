// What a user checks after building a site with the binhost as its store.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def nginx = evaluate(new File(itLibDirectory, 'Nginx.groovy'))
new File(basedir, 'target/inspect.stop').text = 'stop\n'
Thread.sleep(1000)
nginx.stop()
// Only the server's files and the logs are checked below: the volumes go first, whatever fails.
fixture.removeVolumes(fixture.volumePrefix('binhost-store'))

def zentoo = new File(basedir, 'target/zentoo')
def again = new File(basedir, 'target/zentoo-again')
def local = new File(basedir, 'target/zentoo-local')
def machines = ['m1', 'm2']
def count = { File dir, String m, String prefix ->
    new File(dir, "logs/${m}-build.log").readLines().count { it.startsWith(prefix) }
}
def compiled = { File dir, String m -> count(dir, m, '>>> Emerging (') }
def fromBinary = { File dir, String m -> count(dir, m, '>>> Emerging binary (') }

// Compiles = unique: hello twice (two USE), world and caps once, as on one host.
assert machines.sum { compiled(zentoo, it) } == 4 : machines.collect { "${it}: ${compiled(zentoo, it)}" }
// m1 and m2 share a partition and there is no volume: what one reused, it fetched from the binhost.
assert machines.sum { fromBinary(zentoo, it) } == 2
machines.each { m ->
    def log = new File(zentoo, "logs/${m}-build.log").text
    assert log.contains('[zentoo] store: uploading Packages (1 new instances)') ||
            log.contains('[zentoo] store: uploading Packages (3 new instances)') : "${m} uploaded no index"
}
// The second build from an empty output directory: every package from the binhost.
machines.each { m ->
    assert compiled(again, m) == 0 : "${m} compiled again"
    assert fromBinary(again, m) == 3 : "${m}: ${fromBinary(again, m)} binaries"
    assert new File(again, "logs/${m}-build.log").text.contains('[zentoo] store: nothing new for ')
}

// zentoo:binhost left the store as the builds wrote it.
assert new File(basedir, 'build-2-again.log').text.contains(
        'Skipping zentoo:binhost (zentoo.store=binhost: the builds published their instances and each partition')

// Assemblies installed from the binhost and staged their roots there.
machines.each { m ->
    def log = new File(zentoo, "logs/${m}-assemble.log").readLines()
    assert log.any { it.startsWith('[zentoo] binpkg store is the binhost http://') && it.contains('--getbinpkgonly') }
    assert log.any { it ==~ /\[zentoo\] staging the root at http:\/\/[0-9.:]+\/binhost\/\.zentoo-staging\/[^\/]+\/${m}\.tar/ }
    assert log.contains('[zentoo] staged')
    assert !log.any { it.startsWith('>>> Emerging (') } : "${m} compiled during assembly"
}

// The stage packed from the staged root is the one-host stage (docker export of an assembly
// from the local volume holding the same binpkgs), byte for byte.
machines.each { m ->
    assert new File(local, "logs/${m}-assemble.log").readLines().any {
        it.startsWith('[zentoo] binpkg store mounted read-only (checked): /var/cache/binpkgs/') }
    def name = "stages/stage3-${m}.tar.zst"
    def one = fixture.sha256(new File(local, name))
    assert fixture.sha256(new File(zentoo, name)) == one : "${m}: the staged stage differs from the one-host stage"
    assert fixture.sha256(new File(again, name)) == one : "${m}: the second staged stage differs"
}

// The binhost: one partition; its Packages names every instance and every file it names exists.
def binhost = new File(nginx.root, 'binhost')
def partitions = binhost.listFiles().findAll { it.isDirectory() && !it.name.startsWith('.') }
assert partitions.size() == 1 : partitions*.name
def partition = partitions[0]
def indexed = new File(partition, 'Packages').readLines().findAll { it.startsWith('PATH: ') }*.substring(6).sort()
def files = []
partition.eachFileRecurse(groovy.io.FileType.FILES) { if (it.name.endsWith('.gpkg.tar')) files << partition.toPath().relativize(it.toPath()).toString() }
files.sort()
assert indexed.size() == 4 : indexed
assert new File(partition, 'Packages').text.contains('PACKAGES: 4\n')
indexed.each { assert new File(partition, it).isFile() : "Packages names ${it}, which the binhost lacks" }
// Invocation 5 uploaded its new hello instance, then was refused the index: the old index
// stays, naming only files the server has; the new file is there unindexed.
def unindexed = files - indexed
assert unindexed.size() == 1 && unindexed[0].startsWith('app-misc/hello/') : "files not in the index: ${unindexed}"
def refused = new File(basedir, 'build-5-refused.log').text
assert refused.contains('[zentoo] store: uploading ' + unindexed[0])
assert refused =~ /PUT http:\/\/[0-9.:]+\/binhost\/[^ ]+\/Packages answered HTTP 403/
assert refused.contains('The index was not replaced: the store still lists only files it has')
def access2 = new File(nginx.prefix, 'access-2.log').readLines()
assert access2.any { it.contains('"PUT /binhost/') && it.contains('/Packages HTTP/1.1" 403 ') }
assert !access2.any { it =~ /"PUT \/binhost\/[^ ]+\/Packages HTTP\/1.1" 20/ }

// Staged roots are removed once packed.
def staging = new File(binhost, '.zentoo-staging')
def left = []
if (staging.exists()) {
    staging.eachFileRecurse(groovy.io.FileType.FILES) { left << it }
}
assert left.isEmpty() : "staged files left: ${left}"
assert new File(nginx.prefix, 'access-1.log').readLines().count { it =~ /"DELETE \/binhost\/\.zentoo-staging\/[^ ]+\.tar HTTP\/1.1" 20/ } == 4

// Assemblies held only the stager's credentials: every write by the stager is to the staging
// collections, every write there is the stager's, and the partitions were written by the
// builds' user alone (nginx's combined log names the Basic user).
def writesBy = [:].withDefault { [] }
new File(nginx.prefix, 'access-1.log').eachLine { line ->
    def w = line =~ /^\S+ - (\S+) \[[^\]]+\] "(PUT|MKCOL|DELETE) (\S+) HTTP\/1.1" (\d+) /
    if (w && w[0][4].startsWith('2')) {
        writesBy[w[0][1]] << w[0][3]
    }
}
assert writesBy.keySet() == ['deployer', 'stager'] as Set : "who wrote: ${writesBy.collectEntries { k, v -> [k, v.size()] }}"
assert writesBy.stager.every { it.startsWith('/binhost/.zentoo-staging/') } : writesBy.stager.findAll { !it.startsWith('/binhost/.zentoo-staging/') }
assert writesBy.deployer.every { !it.startsWith('/binhost/.zentoo-staging/') } : writesBy.deployer.findAll { it.startsWith('/binhost/.zentoo-staging/') }
assert writesBy.stager.count { it ==~ /\/binhost\/\.zentoo-staging\/[^\/]+\/m[12]\.tar/ } >= 8 : writesBy.stager
assert writesBy.deployer.any { it.endsWith('/Packages') }

// The credentials reached the containers as a file only: not in any container's inspect
// (environment, command, labels), not in any log.
def passwords = ['zentoo-it-dav', 'zentoo-it-stager'].collect { id ->
    (new File(itSettingsFile).text =~ "(?s)<id>${id}</id>.*?<password>([^<]+)</password>")[0][1] }
def inspected = new File(basedir, 'target/inspect').listFiles().toList()
def builds = inspected.findAll { it.text.contains('/run/secrets/zentoo-binhost') }
def assemblies = inspected.findAll { it.text.contains('/dev/shm/zentoo-binhost') }
assert builds.size() >= 4 && assemblies.size() >= 4 : "watched ${inspected.size()} containers: ${builds.size()} builds, ${assemblies.size()} assemblies"
passwords.each { password ->
    inspected.each { assert !it.text.contains(password) : "a password is in docker inspect ${it.name}" }
}
def logs = []
[zentoo, again, local, new File(basedir, 'target/zentoo-b')].each { dir ->
    new File(dir, 'logs').eachFileRecurse(groovy.io.FileType.FILES) { logs << it }
}
basedir.eachFile { if (it.name ==~ /build-.*\.log/) logs << it }
assert logs.size() > 10
passwords.each { password -> logs.each { assert !it.text.contains(password) : "a password is in ${it}" } }
return true
