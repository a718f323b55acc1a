// Helpers for invoker projects that build a site against the real-Portage test stage.
// Use from a hook script:  def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
// It runs in the caller's binding, so it sees testStageImageFile and fixtureSetDirectory.
import java.nio.file.Files
import java.nio.file.StandardCopyOption

def testStage = { -> new File(testStageImageFile).text.trim() }

// Strict mode, as .ci/run runs the tests: env CI=true, env ZENTOO_TESTS_STRICT=true
// or -Dzentoo.tests.strict=true. A project that cannot run then fails; it is not skipped.
def strict = { ->
    System.getenv('CI') == 'true' || System.getenv('ZENTOO_TESTS_STRICT') == 'true' ||
            System.getProperty('zentoo.tests.strict') == 'true'
}

// A selector's way out. Outside strict mode it prints why and skips the project
// (return its value from the selector); in strict mode it throws, which the
// invoker plugin counts as a build error ("finished with error"), so the run fails.
def skip = { String project, String reason ->
    if (strict()) {
        throw new IllegalStateException("${project} cannot run here and strict mode allows no skip: ${reason}")
    }
    println "SKIPPED ${project}: ${reason}"
    false
}

// A volume prefix of this project in this checkout. Several checkouts may run their
// ITs on one Docker host at once; with a fixed name they would share (and remove)
// each other's binpkg store.
def volumePrefix = { String name ->
    def where = java.security.MessageDigest.getInstance('SHA-256').digest(basedir.canonicalPath.bytes)
    "zentoo-it-${name}-${where.encodeHex().toString().substring(0, 8)}".toString()
}

// What the docker CLI lists or prints for `docker ARGS...`, as its non-blank output lines.
// Every check that something is gone asks through this, so that it cannot pass because
// docker could not answer: any failure fails the test, except the daemon's own
// "No such ..." (the object is not there, which is an answer: nothing).
def dockerLines = { List<Object> args, int seconds = 120 ->
    def cmd = ['docker'] + args.collect { it.toString() }
    def p = cmd.execute()
    def out = new StringBuilder(), err = new StringBuilder()
    def readers = [p.consumeProcessOutputStream(out), p.consumeProcessErrorStream(err)]
    if (!p.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly()
        assert false : "${cmd.join(' ')} did not answer in ${seconds} s, so what it lists is unknown." +
                ' Check that the Docker daemon answers (docker info) and run the test again.'
    }
    readers.each { it.join(10000) }
    if (p.exitValue() != 0) {
        def said = err.readLines().findAll { it.trim() }
        boolean absent = !said.isEmpty() && said.every {
            it =~ /(?i)no such (container|image|volume|network|object|service)|network \S+ not found/
        }
        assert absent : "${cmd.join(' ')} failed (exit ${p.exitValue()}), so what it lists is unknown:\n" +
                "${err.toString().trim()}\nCheck that the Docker daemon answers (docker info, DOCKER_HOST)" +
                ' and run the test again.'
        return []
    }
    out.readLines().findAll { it.trim() }
}

// Volumes are named <prefix>-binpkgs, <prefix>-distfiles, <prefix>-repos-<snapshot>.
// A project with its own prefix starts from nothing and leaves nothing behind.
// A volume can still be held for a moment by a container Docker is removing:
// retry a bounded number of times, then say which volume stayed.
def removeVolumes = { String prefix ->
    def names = dockerLines(['volume', 'ls', '-q', '--filter', "name=${prefix}-"])
    names.findAll { it.startsWith(prefix + '-') }.each { volume ->
        int exit = -1
        for (int attempt = 0; attempt < 20 && exit != 0; attempt++) {
            if (attempt > 0) {
                Thread.sleep(500)
            }
            exit = ['docker', 'volume', 'rm', '-f', volume].execute().waitFor()
        }
        assert exit == 0 : "cannot remove volume ${volume}"
    }
}

// The distcc images (zentoo/distcc:KEY) Zentoo made from the binpkg store of a prefix:
// caches like seed images, but each test store makes its own, so tests remove theirs.
def removeDistccImages = { String prefix ->
    // By name: an image pushed for a Swarm also has its registry's name.
    def names = dockerLines(['images', '--format', '{{.Repository}}:{{.Tag}}', '--filter',
                             "label=org.zentoo.distcc.store=${prefix}-binpkgs"]).unique()
    names.each { name ->
        def rmi = ['docker', 'rmi', name].execute()
        def err = rmi.err.text
        assert rmi.waitFor() == 0 : "cannot remove distcc image ${name}: ${err}"
    }
}

// Makes config/machines/<machine> buildable on the test stage: the fixture set (the
// zentoo-test repository, sandboxes off, every license accepted) instead of
// zentoo/base, whose packages (sudo, vim, ...) and license group
// @BINARY-REDISTRIBUTABLE the fixture repository does not have.
def fixtureMachine = { File configDir, String machine ->
    def sets = new File(configDir, 'sets/fixture')
    sets.mkdirs()
    new File(fixtureSetDirectory).eachFile { f ->
        Files.copy(f.toPath(), new File(sets, f.name).toPath(), StandardCopyOption.REPLACE_EXISTING)
    }
    def dir = new File(configDir, "machines/${machine}")
    dir.mkdirs()
    new File(dir, 'parent').text = 'fixture\n'
    new File(dir, 'machine.conf').text = """\
        # Rewritten by the IT: the test stage stands in for gentoo/stage3 (see it/README.md).
        SEED="${testStage()}"
        SNAPSHOT="seed"
        PROFILE="zentoo-test:default/linux/amd64"
        KERNEL=""
        """.stripIndent()
}

// Maven reads .mvn/maven.config from the first directory upwards of a build that has
// .mvn/: the way to hand values only known at setup time (a port, a volume prefix) to
// every invocation of a project, including those in its subdirectories.
def mavenConfig = { List<String> options ->
    def dir = new File(basedir, '.mvn')
    dir.mkdirs()
    new File(dir, 'maven.config').text = options.join('\n') + '\n'
}

// The usual setup of a site project: SEED points at this build's test stage, and
// the project's own volumes start empty. Returns the volume prefix.
def prepareSite = { String name ->
    def siteConf = new File(basedir, 'config/site.conf')
    siteConf.text = siteConf.text.replace('@testStage@', testStage())
    def volumes = volumePrefix(name)
    removeVolumes(volumes)
    mavenConfig(["-Dzentoo.volumePrefix=${volumes}"])
    volumes
}

def sha256 = { File f ->
    def digest = java.security.MessageDigest.getInstance('SHA-256')
    f.withInputStream { ins ->
        byte[] buf = new byte[1 << 16]
        int n
        while ((n = ins.read(buf)) > 0) {
            digest.update(buf, 0, n)
        }
    }
    digest.digest().encodeHex().toString()
}

// A binpkg signing key for a site: ed25519, protected by the password of the settings.xml
// server serverId, exported armored to target/keys/secret.asc (its fingerprint beside it).
// gpg's standard output alone is kept, read to its end (waitFor can return before the
// last bytes are read).
def signingKey = { String serverId ->
    def gpg = { List<String> cmd ->
        def p = cmd.execute(null, basedir)
        def out = new StringBuilder(), err = new StringBuilder()
        def readers = [p.consumeProcessOutputStream(out), p.consumeProcessErrorStream(err)]
        assert p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS) : "timed out: ${cmd}"
        readers.each { it.join(30000) }
        assert p.exitValue() == 0 : "${cmd} failed: ${out}${err}"
        out.toString()
    }
    def settings = new File(itSettingsFile).text
    def passphrase = (settings =~ "(?s)<id>${serverId}</id>.*?<password>([^<]+)</password>")[0][1]
    def keys = new File(basedir, 'target/keys')
    keys.deleteDir()
    def home = new File(keys, 'gnupg')
    home.mkdirs()
    gpg(['chmod', '700', home.path])
    def pp = new File(keys, 'passphrase')
    pp.text = passphrase
    gpg(['gpg', '--homedir', home.path, '--batch', '--pinentry-mode', 'loopback', '--passphrase-file', pp.path,
         '--quick-gen-key', 'Zentoo IT <it@zentoo.invalid>', 'ed25519', 'sign', '1d'])
    def fpr = gpg(['gpg', '--homedir', home.path, '--batch', '--with-colons', '--list-keys']).readLines()
            .find { it.startsWith('fpr:') }.split(':')[9]
    def secret = new File(keys, 'secret.asc')
    secret.text = gpg(['gpg', '--homedir', home.path, '--batch', '--pinentry-mode', 'loopback',
            '--passphrase-file', pp.path, '--armor', '--export-secret-keys', fpr])
    new File(keys, 'fingerprint').text = fpr
    gpg(['gpgconf', '--homedir', home.path, '--kill', 'all'])
    pp.delete()
    secret
}

[signingKey: signingKey, testStage: testStage, strict: strict, skip: skip, dockerLines: dockerLines, volumePrefix: volumePrefix, removeVolumes: removeVolumes, removeDistccImages: removeDistccImages, mavenConfig: mavenConfig, fixtureMachine: fixtureMachine, prepareSite: prepareSite, sha256: sha256]
