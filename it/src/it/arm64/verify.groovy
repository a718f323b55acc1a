// A mixed site as its admin checks it: two platforms in one mvn install, each in its
// own partition, an arm64 stage whose every binary is AArch64, the platforms in the
// lock, the clear error of a platform the host cannot run, and a quiet second run.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def prefix = fixture.volumePrefix('arm64')
def zentoo = new File(basedir, 'target/zentoo')
def build1 = new File(basedir, 'build-1-install.log')
def log1 = build1.text
def log2 = new File(basedir, 'build-2-riscv.log').text
def log3 = new File(basedir, 'build-3-mismatch.log').text
def build4 = new File(basedir, 'build-4-again.log')
def log4 = build4.text
try {
    // 1. The arm64 machine was probed before its first container, in its own seed, emulated.
    assert log1.contains('[a1] seed is linux/arm64, the Docker host linux/amd64: checking that the host runs it (binfmt)')
    assert new File(zentoo, 'logs/a1-platform.log').readLines().contains('aarch64')
    assert !log1.contains('[x1] seed is linux/') : 'the native machine needs no probe'

    // Two partitions, one per architecture, each holding its machine's hello.
    def store = ['docker', 'run', '--rm', '-v', "${prefix}-binpkgs:/b:ro", '--entrypoint', 'find',
                 fixture.testStage(), '/b', '-name', 'hello-*.gpkg.tar'].execute().text.readLines().sort()
    def partitions = store.collect { it.split('/')[2] }.unique()
    assert partitions.size() == 2 : store
    assert partitions.any { it ==~ /amd64-x86_64-pc-linux-gnu-\p{XDigit}{12}/ } : partitions
    assert partitions.any { it ==~ /arm64-aarch64-unknown-linux-gnu-\p{XDigit}{12}/ } : partitions
    // The summary tables show them, so the architecture of each row.
    assert log1 =~ /(?m)^\[INFO\] a1\s+arm64-aarch64-unknown-linux-gnu-\p{XDigit}{12}\s+OK\s+\S+\s+1 compiled/
    assert log1 =~ /(?m)^\[INFO\] x1\s+amd64-x86_64-pc-linux-gnu-\p{XDigit}{12}\s+OK\s+\S+\s+1 compiled/

    // Every ELF file of the arm64 stage is AArch64, as binutils reads it on the host.
    def unpacked = java.nio.file.Files.createTempDirectory('zentoo-it-arm64-stage').toFile()
    try {
        def untar = ['bash', '-c', "zstd -dc '${new File(zentoo, 'stages/stage3-a1.tar.zst')}' | tar -x -C '${unpacked}'" +
                " --no-same-owner --exclude=./dev 2>&1"].execute()
        def untarOut = untar.text
        assert untar.waitFor() == 0 : untarOut
        // Never through a symlink: the stage has absolute ones (/var/run -> /run) that point at the host.
        def elves = []
        java.nio.file.Files.walk(unpacked.toPath()).withCloseable { paths ->
            paths.filter { java.nio.file.Files.isRegularFile(it, java.nio.file.LinkOption.NOFOLLOW_LINKS) }.each { p ->
                if (java.nio.file.Files.size(p) >= 64) {
                    byte[] magic = new byte[4]
                    p.toFile().withInputStream { it.read(magic) }
                    if (magic == [0x7f, 0x45, 0x4c, 0x46] as byte[]) {
                        elves << p.toString()
                    }
                }
            }
        }
        assert elves.size() > 200 : "${elves.size()} ELF files in the arm64 stage"
        def machines = [:].withDefault { 0 }
        elves.collate(200).each { batch ->
            // Read to its end: waitFor can return before a reader thread has the last lines.
            def out = fixture.exec(['readelf', '-h'] + batch, [seconds: 300]).out
            out.readLines().findAll { it.trim().startsWith('Machine:') }.each { machines[it.split(':', 2)[1].trim()]++ }
        }
        assert machines.values().sum() == elves.size() : "readelf read every ELF header: ${machines}"
        assert machines.keySet() == ['AArch64'] as Set : "machines of the arm64 stage's ELF files: ${machines}"
    } finally {
        // rm -rf removes symlinks as links; File.deleteDir() would follow /var/run -> /run into the host's /run.
        def rm = ['rm', '-rf', '--one-file-system', unpacked.path].execute()
        rm.waitFor()
        assert rm.exitValue() == 0 : rm.err.text
    }
    // zentoo:test ran the built-in checks and a1's own tests in the emulated container.
    def a1 = new groovy.xml.XmlSlurper().parse(new File(zentoo, 'test-reports/TEST-a1.xml'))
    assert a1.@failures == '0' && a1.@errors == '0' && a1.@skipped == '0'
    def elfCheck = a1.testcase.find { it.@name == 'elf' }.'system-out'.text()
    assert elfCheck =~ /\d+ ELF executables and libraries of AArch64 \(e_machine 183, loader \/lib\/ld-linux-aarch64\.so\.1\)/ : elfCheck
    assert a1.testcase.find { it.@name == 'platform' }.'system-out'.text().contains('uname -m: aarch64')
    // a1's kernel booted its stage in qemu-system-aarch64, where tests/boot saw an AArch64 machine.
    assert log1 =~ /\[a1\] booting kernel-a1\.tar\.zst with stage3-a1\.tar\.zst in qemu-system-aarch64 \(1 boot scripts/
    assert log1 =~ /\[a1\] console: ZENTOO-TEST boot\/machine PASS 0/
    assert log1 =~ /(?m)\[a1\] PASSED a1\.boot boot$/
    def booted = new File(zentoo, 'logs/a1-boot.log').text
    assert booted.contains('uname -m: aarch64') : booted

    // The lock records each machine's platform, beside its partition.
    def lock = new File(basedir, 'zentoo.lock').text
    assert lock =~ /(?m)^machine a1\n(  .*\n)*  partition arm64-aarch64-unknown-linux-gnu-\p{XDigit}{12}\n  platform linux\/arm64\n/
    assert lock =~ /(?m)^machine x1\n(  .*\n)*  partition amd64-x86_64-pc-linux-gnu-\p{XDigit}{12}\n  platform linux\/amd64\n/
    def installed = new File(localRepositoryPath, 'org/zentoo/it/arm64/1.0')
    ['x1', 'a1'].each { m -> assert new File(installed, "arm64-1.0-stage3-${m}.tar.zst").isFile() }

    // 2. No binfmt handler for riscv64: the machine fails before any other container, naming
    // the handler, the packages that provide it and the command that registers it.
    assert log2.contains('[r1] SEED="zentoo/it-riscv64:probe" (config/machines/r1/machine.conf:2) is linux/riscv64,'
            + ' which this Docker host (linux/amd64) cannot run: `uname -m` in the seed failed with "exec format error",'
            + ' so the kernel has no binfmt_misc handler qemu-riscv64') : log2
    assert log2.contains('Debian/Ubuntu qemu-user-static and binfmt-support, Gentoo app-emulation/qemu[static-user]')
    assert log2.contains('update-binfmts --enable qemu-riscv64')
    assert !log2.contains('[r1] fetching') && !log2.contains('[r1] asking Portage')

    // 3. An arm64 seed with an amd64 profile: both named, with the lines that chose them.
    assert log3 =~ /\[b1\] the seed is linux\/arm64 \(SEED="zentoo\/test-stage-arm64:\p{XDigit}+" \(config\/machines\/b1\/machine\.conf:2\)\), but its profile's CHOST is x86_64-pc-linux-gnu, which builds for linux\/amd64 \(PROFILE="zentoo-test:default\/linux\/amd64" \(config\/machines\/b1\/machine\.conf:3\)\)/ : log3
    assert !log3.contains('[b1] building @world')

    // 4. Nothing changed: no container of this site was created during the last run.
    ['x1', 'a1'].each { m -> assert log4.contains("[${m}] unchanged since its last build") : m }
    assert !log4.contains('checking that the host runs it')
    // From the second after run 3 ended (its own probes are not this run's): Maven takes longer than that to start.
    def since = (long) (new File(basedir, 'build-3-mismatch.log').lastModified() / 1000) + 1
    def until = (long) (build4.lastModified() / 1000) + 1
    def created = fixture.dockerLines(['events', '--since', since, '--until', until, '--filter', 'type=container',
                                       '--filter', 'event=create', '--filter', 'label=org.zentoo.site=org.zentoo.it:arm64'])
    assert created == [] : "the unchanged run created containers: ${created}"

    // Cross-compiling workers for a1 (zentoo.distcc.workers > 0) are checked by the arm64-distcc project.
} finally {
    fixture.removeVolumes(prefix)
    ['docker', 'rmi', 'zentoo/it-riscv64:probe'].execute().waitFor()
}
return true
