// What a user checks after building a site as Swarm jobs: where the tasks ran, that they
// compiled and staged through the binhost, that the stage and the kernel are the one-host
// ones, and that the stage test reports what it reports on one host.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def nginx = evaluate(new File(itLibDirectory, 'Nginx.groovy'))
def nodes = new File(itLibDirectory, '../../../swarm/nodes.sh').canonicalFile
def worker = new File(basedir, 'target/swarm-worker').text.trim()
// No service of this site may outlive its run (the job's service is removed when it ends).
def services = fixture.dockerLines(['service', 'ls', '-q', '--filter', 'label=org.zentoo.site=org.zentoo.it:swarm-tasks'])
nginx.stop()
fixture.exec(['bash', nodes.path, 'down', new File(basedir, 'target/swarm').path])
fixture.removeVolumes(fixture.volumePrefix('swarm-tasks'))
assert services.isEmpty() : "services left behind: ${services}"

def swarm = new File(basedir, 'target/zentoo')
def local = new File(basedir, 'target/zentoo-local')
['build', 'assemble', 'kernel', 'test'].each { step ->
    def log = new File(swarm, "logs/m1-${step}.log").readLines()
    def ran = log.findAll { it.startsWith("[zentoo] ${step} ran as a Swarm job on node ") }
    assert ran.size() == 1 : "m1-${step}.log says ${ran.size()} times where it ran"
    // The constraint named worker 1 (setup.groovy): the task ran there, not on the manager.
    assert ran[0].contains(" on node ${worker}, image 127.0.0.1:") : ran[0]
    assert ran[0] ==~ /.*, image 127\.0\.0\.1:\d+\/zentoo-inputs@sha256:[0-9a-f]{64}/ : ran[0]
}
def build = new File(swarm, 'logs/m1-build.log').readLines()
// The worker compiled the fixture set (no binpkg volume exists there) and uploaded it.
assert build.count { it.startsWith('>>> Emerging (') } == 3 : build.findAll { it.startsWith('>>> Emerging') }
assert build.contains('[zentoo] store: uploading Packages (3 new instances)') : 'the build uploaded no index'
def assemble = new File(swarm, 'logs/m1-assemble.log').readLines()
assert assemble.any { it ==~ /\[zentoo\] staging the root at http:\/\/[0-9.:]+\/binhost\/\.zentoo-staging\/[^\/]+\/m1\.tar/ }
assert assemble.contains('[zentoo] staged')

// The kernel's files came back through the binhost, as the root did.
def kernelLog = new File(swarm, 'logs/m1-kernel.log').readLines()
assert kernelLog.any { it ==~ /\[zentoo\] staging \/var\/tmp\/zentoo-kernel at http:\/\/[0-9.:]+\/binhost\/\.zentoo-staging\/[^\/]+\/m1\.kernel\.tar/ }
assert kernelLog.contains('[zentoo] staged')
// The kernel packed from the staged files is the one-host kernel, byte for byte: the one of
// the binhost store on this host (3), and the one copied out of the container with the
// local store's volume (4), as zentoo:kernel always made it.
def kernel = 'kernels/kernel-m1.tar.zst'
def volume = new File(basedir, 'target/zentoo-volume')
assert !new File(volume, 'logs/m1-kernel.log').text.contains('[zentoo] staging ') : 'the volume run staged its kernel'
assert new File(volume, 'logs/m1-kernel.log').text.contains('kernel 6.1.0-50-amd64 from sys-kernel/zentoo-test-kernel-6.1 ready')
assert fixture.sha256(new File(swarm, kernel)) == fixture.sha256(new File(volume, kernel)) :
        'the kernel built as a Swarm job differs from the one copied out of a container on this host'
assert fixture.sha256(new File(local, kernel)) == fixture.sha256(new File(volume, kernel)) :
        'the kernel staged on this host differs from the one copied out of its container'

// The stage test's container ran as a job; its report is the one-host report.
def testLog = new File(swarm, 'logs/m1-test.log').readLines()
assert testLog.any { it.startsWith('[zentoo] test asked for --network none, which a Swarm service cannot') }
def report = { File dir ->
    def f = new File(dir, 'test-reports/TEST-m1.xml')
    assert f.isFile() : "no JUnit XML in ${f.parentFile}"
    new groovy.xml.XmlSlurper().parse(f)
}
def cases = { s -> s.testcase.collect { c ->
    def status = c.failure.size() ? 'failure' : c.error.size() ? 'error' : c.skipped.size() ? 'skipped' : 'passed'
    "${c.@classname} ${c.@name} ${status}".toString() } }
def onSwarmReport = report(swarm)
def localReport = report(local)
assert cases(onSwarmReport) == cases(localReport)
assert cases(onSwarmReport).containsAll(['m1.checks contents passed', 'm1.checks elf passed',
        'm1.checks services passed', 'm1.checks packages passed', 'm1.tests network passed', 'm1.boot boot passed']) :
        cases(onSwarmReport)
assert cases(onSwarmReport).every { it.endsWith(' passed') } : cases(onSwarmReport)
// The boot stayed on this host: QEMU here, with the kernel and stage packed here.
assert new File(basedir, 'build-1-swarm.log').text =~ /\[m1\] booting kernel-m1\.tar\.zst with stage3-m1\.tar\.zst in qemu-system-/
// What --network none becomes on Swarm (docs/swarm-wiring-status.md): on this host the container
// has loopback only; the task, attached to no network of the Swarm, has its node's bridge too.
def interfaces = { s -> s.testcase.find { it.@name == 'network' }.'system-out'.text().readLines()
        .find { it.startsWith('network interfaces: ') } }
assert interfaces(localReport) == 'network interfaces: lo ' : interfaces(localReport)
assert interfaces(onSwarmReport) ==~ /network interfaces: (.* )?eth0 (.* )?/ : interfaces(onSwarmReport)

// The one-host run compiled the same 3 from its empty binhost, into the same bytes.
assert new File(local, 'logs/m1-build.log').readLines().count { it.startsWith('>>> Emerging (') } == 3
def gpkgs = { String dir ->
    def root = new File(nginx.root, dir)
    def found = [:]
    root.eachFileRecurse { f -> if (f.name.endsWith('.gpkg.tar')) { found[root.toPath().relativize(f.toPath()).toString()] = fixture.sha256(f) } }
    found
}
def onSwarm = gpkgs('binhost-swarm')
assert onSwarm.size() == 3 : onSwarm.keySet()
assert onSwarm == gpkgs('binhost') : "the binpkgs built on the worker differ from the one-host ones"

// The stage packed from the task's staged root is the one-host stage, byte for byte.
def name = 'stages/stage3-m1.tar.zst'
assert fixture.sha256(new File(swarm, name)) == fixture.sha256(new File(local, name)) :
        'the stage assembled as a Swarm job differs from the one-host stage'
// The package list came out of the staged root (no docker cp from a task): the same list.
def packages = 'stages/packages-m1.txt'
assert new File(swarm, packages).text == new File(local, packages).text
assert new File(swarm, packages).text.contains('app-misc/hello')
// Nothing stays staged on the server.
['binhost', 'binhost-swarm'].each { dir ->
    def staging = new File(nginx.root, "${dir}/.zentoo-staging")
    assert !staging.exists() || staging.listFiles().every { it.isDirectory() && it.listFiles().length == 0 } : dir
}
return true
