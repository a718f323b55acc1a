// What a user checks after building a 2-partition site as Swarm jobs with a worker killed
// under an assembly: where every task ran, that the site compiled what one host compiles,
// that each stage is the one-host stage, that the killed assembly was run again elsewhere
// without leaving anything half-made, and that no secret showed up where it must not.
import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def nginx = evaluate(new File(itLibDirectory, 'Nginx.groovy'))
def nodes = new File(itLibDirectory, '../../../swarm/nodes.sh').canonicalFile
def watch = new File(basedir, 'target/watch')
new File(basedir, 'target/watch.stop').text = 'stop\n'
Thread.sleep(1000)
// No service of this site may outlive its run (the job's service is removed when it ends).
def services = fixture.dockerLines(['service', 'ls', '-q', '--filter', 'label=org.zentoo.site=org.zentoo.it:swarm-site'])
nginx.stop()
fixture.exec(['bash', nodes.path, 'down', new File(basedir, 'target/swarm').path])
fixture.removeVolumes(fixture.volumePrefix('swarm-site'))
assert services.isEmpty() : "services left behind: ${services}"
assert !new File(watch, 'error').exists() : "the watcher of setup.groovy failed: ${new File(watch, 'error').text}"
println "[swarm-site] ${new File(watch, 'memory').text.trim()}"

def swarm = new File(basedir, 'target/zentoo')
def local = new File(basedir, 'target/zentoo-local')
def machines = ['m1', 'm2', 'm3', 'm4']
def partitions = [a: ['m1', 'm2'], b: ['m3', 'm4']]
// Worker node ids from nodes.sh (container=id lines), the manager's from docker info.
def workers = new File(basedir, 'target/swarm-nodes').readLines().findAll { it.contains('=') }
        .collectEntries { l -> def (w, id) = l.split('=', 2); [(id): w] }
def manager = new File(basedir, 'target/swarm-manager').text.trim()
assert workers.size() == 2 && manager ==~ /[a-z0-9]{25}/ && !workers.containsKey(manager) : "${workers} ${manager}"
def killed = new File(watch, 'killed')
assert killed.exists() : 'the watcher saw no running assembly task, so no worker was killed (target/watch)'
def kill = killed.readLines().collectEntries { l -> def (k, v) = l.split('=', 2); [(k): v] }
assert kill.exit == '0' && workers[kill.node] == kill.container : "the kill: ${kill}"

// 1. Each build and assembly ran as a Swarm job on a worker node, never on the manager, from
//    an input image pulled by digest from the test registry.
def ranOn = [:]
machines.each { m ->
    (m == 'm1' ? ['build', 'assemble', 'kernel', 'test'] : ['build', 'assemble']).each { step ->
        def ran = new File(swarm, "logs/${m}-${step}.log").readLines()
                .findAll { it.startsWith("[zentoo] ${step} ran as a Swarm job on node ") }
        assert ran.size() == 1 : "${m}-${step}.log says ${ran.size()} times where it ran"
        def where = ran[0] =~ /^\[zentoo\] \w+ ran as a Swarm job on node ([a-z0-9]+)(, its 2\. task)?, image 127\.0\.0\.1:\d+\/zentoo-inputs@sha256:[0-9a-f]{64}$/
        assert where.matches() : ran[0]
        def node = where.group(1)
        assert node != manager : "${m} ${step} ran on the manager ${manager}, which node.role==worker excludes"
        assert workers.containsKey(node) : "${m} ${step} ran on node ${node}, not one of the workers ${workers}"
        ranOn[(m + "-" + step) as String] = [node: node, retried: where.group(2) != null]
    }
}

// 2. The killed worker's assembly was run once more on the other worker, and said so.
def mavenLog = new File(basedir, 'build-1-swarm.log').text
def retried = ranOn.findAll { it.value.retried }
assert retried.keySet() == ["${kill.machine}-assemble" as String] as Set :
        "the tasks that took 2 attempts: ${retried.keySet()}; the watcher killed ${kill.container} under ${kill.machine}'s assembly"
assert ranOn[(kill.machine + "-assemble") as String].node != kill.node : "${kill.machine}'s assembly ended on the node that was killed"
def note = (mavenLog =~ /\[${kill.machine}\] the job's task lost node (\w+) \(([^)]*)\): running it once more on another node/)
assert note.find() : "build-1-swarm.log has no retry line for ${kill.machine}"
assert note.group(1) == kill.node : "the retry line names node ${note.group(1)}, the killed one is ${kill.node}"
assert mavenLog.count('running it once more on another node') == 1
// No partial artifact: nothing stays staged on the server, the output directory holds the
// four stages and lists and nothing else (no partial or temporary file).
['binhost', 'binhost-swarm'].each { dir ->
    def staging = new File(nginx.root, "${dir}/.zentoo-staging")
    def left = []
    if (staging.exists()) { staging.eachFileRecurse(groovy.io.FileType.FILES) { left << it.path } }
    assert left.isEmpty() : "staged files left on the server: ${left}"
}
def expected = machines.collectMany { ["stage3-${it}.tar.zst", "packages-${it}.txt", "instances-${it}.txt"] as List<String> }.sort()
[swarm, local].each { out ->
    def found = (new File(out, 'stages').list() ?: [] as String[]).toList().sort()
    assert found == expected : "${out}/stages holds ${found}, expected ${expected}"
}

// 3. Compiles = unique, as on one host: per partition, the Swarm run compiled what the one-host
//    run from an empty binhost compiled (3 each), and each index lists those 3.
def compiled = { File out, String m -> new File(out, "logs/${m}-build.log").readLines().count { it.startsWith('>>> Emerging (') } }
partitions.each { p, ms ->
    def onSwarm = ms.sum { compiled(swarm, it) }
    def oneHost = ms.sum { compiled(local, it) }
    assert onSwarm == oneHost && oneHost == 3 : "partition ${p} (${ms}): ${onSwarm} compiles on the Swarm, ${oneHost} on one host"
}
def index = { String dir ->
    def root = new File(nginx.root, dir)
    root.listFiles().findAll { it.isDirectory() && !it.name.startsWith('.') }.collectEntries { part ->
        [(part.name): new File(part, 'Packages').readLines().findAll { it.startsWith('PATH: ') }*.substring(6).sort()]
    }
}
def swarmIndex = index('binhost-swarm')
assert swarmIndex.size() == 2 && swarmIndex.values().every { it.size() == 3 } : "the Swarm binhost's indexes: ${swarmIndex}"
assert swarmIndex == index('binhost') : "the Swarm binhost indexes other instances than the one-host one"
machines.each { m ->
    def log = new File(swarm, "logs/${m}-assemble.log").readLines()
    assert log.any { it ==~ /\[zentoo\] staging the root at http:\/\/[0-9.:]+\/binhost\/\.zentoo-staging\/[^\/]+\/${m}\.tar/ }
    assert log.contains('[zentoo] staged')
    assert !log.any { it.startsWith('>>> Emerging (') } : "${m} compiled during its assembly"
}

// 4. Byte-identical: each binpkg, stage and package list the Swarm made is the one-host one.
def gpkgs = { String dir ->
    def root = new File(nginx.root, dir)
    def found = [:]
    root.eachFileRecurse { f -> if (f.name.endsWith('.gpkg.tar')) { found[root.toPath().relativize(f.toPath()).toString()] = fixture.sha256(f) } }
    found
}
def onSwarm = gpkgs('binhost-swarm')
assert onSwarm.size() == 6 : onSwarm.keySet()
assert onSwarm == gpkgs('binhost') : "the binpkgs built on the workers differ from the one-host ones"
machines.each { m ->
    def name = "stages/stage3-${m}.tar.zst"
    assert fixture.sha256(new File(swarm, name)) == fixture.sha256(new File(local, name)) :
            "${name}: the stage assembled as a Swarm job differs from the one-host stage" +
            (m == kill.machine ? " (its first task's worker was killed)" : '')
    def packages = "stages/packages-${m}.txt"
    assert new File(swarm, packages).text == new File(local, packages).text : "${packages} differs from the one-host list"
    assert new File(swarm, packages).text.contains('app-misc/hello')
}

// 5. No secret in any service spec, task container (its environment), or log. The password
//    of the settings.xml server, and the Basic credentials made of it.
def dav = new XmlSlurper().parse(new File(itSettingsFile)).servers.server.find { it.id.text() == 'zentoo-it-dav' }
def password = dav.password.text()
def secrets = [password, "${dav.username.text()}:${password}".bytes.encodeBase64().toString(), password.bytes.encodeBase64().toString()]
def specs = new File(watch, 'services').listFiles().toList()
def containers = new File(watch, 'containers').listFiles().toList()
// 4 builds + 4 assemblies + the assembly run again + m1's kernel and test: 11 services; the
// watcher must have seen them all.
assert specs.size() == 11 : "the watcher saved ${specs.size()} service specs"
assert containers.size() >= 4 : "the watcher saved ${containers.size()} task containers"
specs.each { f ->
    def spec = new JsonSlurper().parse(f)[0].Spec
    def step = spec.Labels['org.zentoo.step']
    assert step in ['build', 'assemble', 'kernel', 'test'] : "${f.name}: ${spec.Labels}"
    // The credentials went as a Docker secret, so the check below looks where they could have
    // leaked. A stage test writes nothing to the binhost: it gets none.
    assert (step == 'test') == !spec.TaskTemplate.ContainerSpec.Secrets : "${f.name}: ${step} with secrets ${spec.TaskTemplate.ContainerSpec.Secrets}"
}
def looked = specs + containers
looked += new File(basedir, '.').listFiles().findAll { it.name.endsWith('.log') }
[swarm, local, new File(basedir, 'target/zentoo-volume')].each { out -> looked += new File(out, 'logs').listFiles().toList() }
looked.each { f ->
    def text = f.text
    secrets.each { s -> assert !text.contains(s) : "${f}: holds the binhost password (or its Basic form)" }
}
assert containers.every { new JsonSlurper().parse(it)[0].Config.Env != null } : 'a saved task container has no environment'
// Nor in an artifact: each stage's tar stream and the build environment Portage saved of each
// package in it (var/db/pkg/*/*/environment.bz2, compressed: a task's environment would be
// there, which a grep of the tar alone misses). grep -F -f: the fixed strings of a file.
def patterns = new File(basedir, 'target/secret-patterns')
patterns.text = secrets.join('\n') + '\n'
def look = '''set -o pipefail; d=$(mktemp -d); zstd -dc "$0" | tar -x -C "$d" --wildcards '*/environment.bz2' || { rm -rf "$d"; exit 2; }
    e=$(find "$d" -name environment.bz2 | wc -l)
    n=$( (zstd -dc "$0"; find "$d" -name environment.bz2 -exec bzcat {} +) | grep -a -c -F -f "$1")
    rm -rf "$d"; echo "$e $n"'''
machines.each { m ->
    def stage = new File(swarm, "stages/stage3-${m}.tar.zst")
    def r = fixture.exec(['bash', '-c', look, stage.path, patterns.path], [seconds: 120])
    def (environments, hits) = r.out.trim().split(' ') as List
    assert environments == '3' : "${stage}: ${environments} environment.bz2 files, 3 expected (hello, world, caps): ${r.err}"
    assert hits == '0' : "${stage}: ${hits} lines (of the tar or a package's environment.bz2) hold the binhost password (or its Basic form)"
}
patterns.delete()

// 6. m1's kernel came back through the binhost, as the roots did, and is the one-host kernel,
//    byte for byte: the one of the binhost store on this host (4), and the one copied out of
//    the container with the local store's volume (5), as zentoo:kernel always made it.
def kernelLog = new File(swarm, 'logs/m1-kernel.log').readLines()
assert kernelLog.any { it ==~ /\[zentoo\] staging \/var\/tmp\/zentoo-kernel at http:\/\/[0-9.:]+\/binhost\/\.zentoo-staging\/[^\/]+\/m1\.kernel\.tar/ }
assert kernelLog.contains('[zentoo] staged')
def kernel = 'kernels/kernel-m1.tar.zst'
def volume = new File(basedir, 'target/zentoo-volume')
assert !new File(volume, 'logs/m1-kernel.log').text.contains('[zentoo] staging ') : 'the volume run staged its kernel'
assert new File(volume, 'logs/m1-kernel.log').text.contains('kernel 6.1.0-50-amd64 from sys-kernel/zentoo-test-kernel-6.1 ready')
assert fixture.sha256(new File(swarm, kernel)) == fixture.sha256(new File(volume, kernel)) :
        'the kernel built as a Swarm job differs from the one copied out of a container on this host'
assert fixture.sha256(new File(local, kernel)) == fixture.sha256(new File(volume, kernel)) :
        'the kernel staged on this host differs from the one copied out of its container'

// 7. m1's stage test ran as a job; its report is the one-host report, and the boot stayed here.
def testLog = new File(swarm, 'logs/m1-test.log').readLines()
assert testLog.any { it.startsWith('[zentoo] test asked for --network none, which a Swarm service cannot') }
def report = { File dir ->
    def f = new File(dir, 'test-reports/TEST-m1.xml')
    assert f.isFile() : "no JUnit XML in ${f.parentFile}"
    new XmlSlurper().parse(f)
}
def cases = { r -> r.testcase.collect { c ->
    def status = c.failure.size() ? 'failure' : c.error.size() ? 'error' : c.skipped.size() ? 'skipped' : 'passed'
    "${c.@classname} ${c.@name} ${status}".toString() } }
def onSwarmReport = report(swarm)
def localReport = report(local)
assert cases(onSwarmReport) == cases(localReport)
assert cases(onSwarmReport).containsAll(['m1.checks contents passed', 'm1.checks elf passed',
        'm1.checks services passed', 'm1.checks packages passed', 'm1.tests network passed', 'm1.boot boot passed']) :
        cases(onSwarmReport)
assert cases(onSwarmReport).every { it.endsWith(' passed') } : cases(onSwarmReport)
assert new File(basedir, 'build-2-swarm-m1.log').text =~ /\[m1\] booting kernel-m1\.tar\.zst with stage3-m1\.tar\.zst in qemu-system-/
// What --network none becomes on Swarm (docs/swarm.md): on this host the container has
// loopback only; the task, attached to no network of the Swarm, has its node's bridge too.
def interfaces = { r -> r.testcase.find { it.@name == 'network' }.'system-out'.text().readLines()
        .find { it.startsWith('network interfaces: ') } }
assert interfaces(localReport) == 'network interfaces: lo ' : interfaces(localReport)
assert interfaces(onSwarmReport) ==~ /network interfaces: (.* )?eth0 (.* )?/ : interfaces(onSwarmReport)
return true
