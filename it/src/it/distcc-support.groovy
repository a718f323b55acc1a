// Shared by the distcc invoker projects: evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
// returns these closures. Everything goes through the docker CLI, independently of Zentoo's engine.

def fixture = evaluate(new File(binding.getVariable('itLibDirectory'), 'SiteFixture.groovy'))
def sh = { List<String> cmd, int seconds = 600 -> fixture.exec(cmd, [seconds: seconds]) }

// The daemon's Swarm state: LocalNodeState (inactive, pending, active, error,
// locked) and whether this node is a manager. A daemon that does not answer fails.
def swarmState = { ->
    def info = sh(['docker', 'info', '--format', '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'], 60)
    assert info.exit == 0 : "docker info failed: ${info.err}"
    def (state, manager) = info.out.trim().split(' ', 2) as List
    [state: state, manager: manager == 'true']
}

// docker swarm leave --force, then waits (30 s at most) until the daemon says it
// is in no Swarm. Returns null when it is out, else what went wrong.
def leaveSwarm = { ->
    def leave = sh(['docker', 'swarm', 'leave', '--force'], 60)
    for (int attempt = 0; attempt < 30; attempt++) {
        if (swarmState().state == 'inactive') {
            return null
        }
        Thread.sleep(1000)
    }
    "docker swarm leave --force exited ${leave.exit} (${leave.err.trim()}) and the daemon is still in state ${swarmState().state}"
}

// The store's volumes and the distcc image Zentoo made from it.
def removeStore = { String prefix ->
    fixture.removeDistccImages(prefix)
    fixture.removeVolumes(prefix)
}

// A private Docker registry (Debian's docker-registry) on a free 127.0.0.1 port, its
// storage under dir, stopped at JVM exit at the latest. The daemon pushes to
// loopback registries without TLS. Returns the port.
def startRegistry = { File dir ->
    def bin = new File('/usr/bin/docker-registry')
    assert bin.canExecute() : 'docker-registry is not installed: apt-get install docker-registry (.ci/run does)'
    int port = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
    dir.mkdirs()
    def config = new File(dir, 'config.yml')
    config.text = """\
        version: 0.1
        log:
          level: warn
        storage:
          filesystem:
            rootdirectory: ${new File(dir, 'data').absolutePath}
        http:
          addr: 127.0.0.1:${port}
        """.stripIndent()
    def process = new ProcessBuilder(bin.path, 'serve', config.path).redirectErrorStream(true)
            .redirectOutput(new File(dir, 'registry.log')).start()
    new File(dir, 'registry.pid').text = process.pid().toString()
    Runtime.runtime.addShutdownHook(new Thread({ process.destroy() } as Runnable))
    boolean up = false
    for (int attempt = 0; attempt < 40 && !up && process.alive; attempt++) {
        try {
            up = new URL("http://127.0.0.1:${port}/v2/").openConnection().with { connectTimeout = 500; responseCode } == 200
        } catch (IOException ignored) {
            Thread.sleep(250)
        }
    }
    assert up : "the registry did not answer on 127.0.0.1:${port}: ${new File(dir, 'registry.log').text}"
    port
}

def stopRegistry = { File dir ->
    def pid = new File(dir, 'registry.pid')
    if (pid.isFile()) {
        ProcessHandle.of(pid.text.trim() as long).ifPresent { it.destroy() }
        pid.delete()
    }
}

// Marks that the swarm test, not the host's owner, put the daemon into a Swarm.
def swarmInitialised = new File(new File(binding.getVariable('itSourceDirectory')), '../../target/swarm-initialised-by-it')

[
    sh: sh,

    swarmState: swarmState,

    leaveSwarm: leaveSwarm,

    strict: fixture.strict,

    skip: fixture.skip,

    dockerLines: fixture.dockerLines,

    startRegistry: startRegistry,

    stopRegistry: stopRegistry,

    swarmInitialised: swarmInitialised,

    // Leaves the host as the test found it: out of the Swarm, if the test made it join.
    leaveSwarmIfOurs: {
        if (swarmInitialised.isFile()) {
            def failed = leaveSwarm()
            assert failed == null : failed
            swarmInitialised.delete()
        }
    },

    // The shared site (distcc-site/), the exact test stage, and empty volumes so
    // that the package compiles in this run.
    prepare: { File basedir, String imageFile, String prefix ->
        def site = new File(new File(binding.getVariable('itSourceDirectory')), 'distcc-site')
        assert sh(['cp', '-r', new File(site, 'config').path, basedir.path]).exit == 0
        def siteConf = new File(basedir, 'config/site.conf')
        siteConf.text = siteConf.text.replace('@testStage@', new File(imageFile).text.trim())
        removeStore(prefix)
    },

    removeStore: removeStore,

    // Compile jobs a worker's distccd finished, from the log Zentoo kept of it.
    completedJobs: { File log -> log.readLines().count { it.contains('COMPILE_OK') } },

    // Installs the binpkg the build made into a fresh container, read-only store, and runs it.
    runBinpkg: { String imageFile, String prefix ->
        def script = '''f=$(find /var/cache/binpkgs -name 'many-units-1.0-*.gpkg.tar' | head -1)
            [ -n "$f" ] || { echo "no many-units binpkg"; exit 1; }
            PKGDIR=${f%/app-misc/many-units/*} FEATURES="-buildpkg" emerge -q --usepkgonly --oneshot \\
              app-misc/many-units >/dev/null && many-units'''
        sh(['docker', 'run', '--rm', '-v', "${prefix}-binpkgs:/var/cache/binpkgs:ro",
            new File(imageFile).text.trim(), 'bash', '-c', script])
    },

    // Nothing of the site's is left: no container, no network, no service.
    // Swarm removes a service's tasks and its overlay network asynchronously, so the
    // check waits a bounded time for them to go before it reports what stayed.
    // Services exist only on a Swarm manager; elsewhere docker service ls fails by design.
    leftovers: { String site ->
        def filter = "label=org.zentoo.site=${site}"
        def left = []
        for (int attempt = 0; attempt < 60; attempt++) {
            left = fixture.dockerLines(['ps', '-aq', '--filter', filter]) +
                    fixture.dockerLines(['network', 'ls', '-q', '--filter', filter])
            if (swarmState().manager) {
                left += fixture.dockerLines(['service', 'ls', '-q', '--filter', filter])
            }
            if (left.isEmpty()) {
                break
            }
            Thread.sleep(500)
        }
        left
    },
]
