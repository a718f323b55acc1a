// A mixed site: the amd64 and the arm64 test stages as SEEDs, the fixture set
// (repository, sandboxes off; not its packages, so the emulated build stays small),
// a riscv64 image this host cannot run, and empty volumes.
import java.nio.file.Files
import java.nio.file.StandardCopyOption
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def sets = new File(basedir, 'config/sets/fixture')
sets.mkdirs()
new File(fixtureSetDirectory).eachFile { f ->
    if (f.name != 'packages') {
        Files.copy(f.toPath(), new File(sets, f.name).toPath(), StandardCopyOption.REPLACE_EXISTING)
    }
}
def arm64Stage = new File(testStageArm64ImageFile).text.trim()
['x1', 'a1', 'b1'].each { m ->
    def conf = new File(basedir, "config/machines/${m}/machine.conf")
    conf.text = conf.text.replace('@testStage@', fixture.testStage()).replace('@testStageArm64@', arm64Stage)
}

// The riscv64 seed: one file, /bin/uname, an ELF header of machine RISC-V (243) that
// no kernel here executes without a binfmt handler; recorded as linux/riscv64 the way
// an importer records a root's platform (Docker 20.10 would say amd64).
assert !new File('/proc/sys/fs/binfmt_misc/qemu-riscv64').exists() :
        'this host registers a riscv64 binfmt handler, so it cannot show the error of a missing one'
def root = Files.createTempDirectory('zentoo-it-riscv').toFile()
new File(root, 'bin').mkdirs()
byte[] elf = new byte[64]
[0x7f, 0x45, 0x4c, 0x46, 2, 1, 1].eachWithIndex { b, i -> elf[i] = (byte) b }
elf[16] = 2
elf[18] = (byte) 243
new File(root, 'bin/uname').bytes = elf
new File(root, 'bin/uname').setExecutable(true)
def imported = ['bash', '-c', "tar -C '${root}' -c . | docker import --change 'LABEL org.zentoo.platform=linux/riscv64'" +
        " - zentoo/it-riscv64:probe"].execute()
imported.waitFor()
assert imported.exitValue() == 0 : imported.err.text
root.deleteDir()

fixture.prepareSite('arm64')
return true
