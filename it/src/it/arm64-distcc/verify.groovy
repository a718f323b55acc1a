// The arm64 machine ran emulated and compiled on native cross workers; its stage
// is the same bytes as the one built without workers, every compile emulated.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
// build.log holds both invocations: with workers, then alone.
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./)
assert runs.size() == 3 : "two invocations in build.log, found ${runs.size() - 1}"
def build = runs[1]
def crossImage = new File(basedir, 'target/cross-worker.image').text.trim()

// The workers ran the native cross image (amd64, the host's), serving the CHOST's
// compiler with Debian's aarch64-linux-gnu-gcc.
assert build.contains("[arm01] starting 2 distcc workers (local mode, 2 jobs each, native, cross-compiling for"
        + " aarch64-unknown-linux-gnu) from ${crossImage}") : 'the build names the cross workers and their image'
def arch = support.sh(['docker', 'image', 'inspect', '-f', '{{.Architecture}}', crossImage])
assert arch.exit == 0 && arch.out.trim() == 'amd64' : "the cross image is native: ${arch.out}${arch.err}"
def logs = new File(basedir, 'target/zentoo/logs')
def workerLogs = logs.listFiles().findAll { it.name.startsWith('arm01-build-distccd-') }
assert workerLogs.size() == 2 : "one distccd log per worker: ${logs.list()}"
workerLogs.each { log ->
    assert log.text.contains('[zentoo] serving aarch64-unknown-linux-gnu-gcc with /usr/bin/aarch64-linux-gnu-gcc') : log.text
}
int jobs = workerLogs.sum { log -> log.readLines().count { it.contains('COMPILE_OK') && it.contains('aarch64-unknown-linux-gnu-gcc') } }
assert jobs >= 40 : "the workers compiled the units with the cross gcc: ${jobs} jobs"

// The remote share, as the summary reports it from distcc's client log.
def summary = build.readLines().find { it.contains('[INFO] arm01 ') && it.contains('distcc: ') }
assert summary != null : 'the summary row of arm01 with its distcc count'
def m = summary =~ /distcc: (\d+) compile jobs remote \(.*\), (\d+) local/
assert m.find() && (m.group(1) as int) > 0 : summary

// The stages of both runs: the same tarball, byte for byte.
def withWorkers = new File(basedir, 'target/zentoo/stages/stage3-arm01.tar.zst')
def alone = new File(basedir, 'alone/target/zentoo/stages/stage3-arm01.tar.zst')
assert withWorkers.isFile() && alone.isFile() : "both stages: ${withWorkers} ${alone}"
def sha256 = { File f -> support.sh(['sha256sum', f.path]).out.trim().split(/\s+/)[0] }
if (sha256(withWorkers) != sha256(alone)) {
    // Which files differ, to say why: every file of both stages with its SHA-256 (tar, no Zentoo code).
    def sums = { File stage ->
        def out = support.sh(['bash', '-c', "d=\$(mktemp -d) && tar --zstd -xf '${stage}' -C \$d && cd \$d && find . -type f | LC_ALL=C sort | xargs -d '\\n' sha256sum; rm -rf \$d"], 600)
        assert out.exit == 0 : out.err
        out.out.readLines().collectEntries { [(it.substring(66)): it.substring(0, 64)] }
    }
    def a = sums(withWorkers), b = sums(alone)
    def differing = (a.keySet() + b.keySet()).findAll { a[it] != b[it] }
    assert false : "the stage built with cross workers is not the one built without: ${differing}"
}
// Portage's record of the package: FEATURES without distcc, as the hook stands in for it.
def vdb = './var/db/pkg/app-misc/many-units-1.0/'
def features = support.sh(['bash', '-c', "tar --zstd -xOf '${withWorkers}' ${vdb}FEATURES"])
assert features.exit == 0 && !('distcc' in features.out.trim().split(/\s+/)) : "FEATURES recorded: ${features.out}${features.err}"
def elf = support.sh(['bash', '-c', "tar --zstd -xOf '${withWorkers}' ./usr/bin/many-units | head -c 20 | od -An -tu2 -j18 -N2"])
assert elf.exit == 0 && elf.out.trim() == '183' : "many-units is AArch64 (e_machine 183): ${elf.out}${elf.err}"
def aloneRow = runs[2].readLines().find { it.contains('[INFO] arm01 ') && it.contains(' compiled, ') }
assert aloneRow != null && !aloneRow.contains('distcc') : "the second run compiled without workers: ${aloneRow}"

assert support.leftovers('org.zentoo.it:arm64-distcc').isEmpty() : 'workers and their network are removed'
def prefix = fixture.volumePrefix('arm64-distcc')
['workers', 'alone'].each { support.removeStore("${prefix}-${it}") }
return true
