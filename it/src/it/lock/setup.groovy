// The site is a git repository, as a user's is. SEED is a tag this project owns:
// the test stage with app-misc/clock merged, as a Gentoo stage3 brings packages of
// its own (zentoo.lock pins those by their vdb CONTENTS), until steps.sh move-seed
// moves the tag. The tag and the image it moves to are removed by verify.groovy, or
// at JVM exit when a build failed.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def prefix = fixture.volumePrefix('lock')
fixture.removeVolumes(prefix)
fixture.mavenConfig(["-Dzentoo.volumePrefix=${prefix}"])
def stage = fixture.testStage()
def seed = "zentoo/it-lock-seed:${prefix}".toString()
def moved = "zentoo/it-lock-moved:${prefix}".toString()
def run = { List<Object> cmd -> fixture.run(cmd, [dir: basedir, seconds: 600]) }
def cleanup = {
    ['docker', 'rm', '-f', "${prefix}-derive", "${prefix}-seed"].execute().waitFor()
    ['docker', 'rmi', seed, moved].execute().waitFor()
}
cleanup()
Runtime.runtime.addShutdownHook(new Thread(cleanup))
// No binpkg of it: the image's /var/cache/binpkgs would seed the empty store volume.
run(['docker', 'run', '--name', "${prefix}-seed", stage, 'bash', '-c',
     'FEATURES=-buildpkg emerge --oneshot --quiet app-misc/clock && rm -rf /var/tmp/portage/* /var/cache/distfiles/*'])
run(['docker', 'commit', '--change', 'LABEL org.zentoo.it=lock', "${prefix}-seed", seed])
run(['docker', 'rm', "${prefix}-seed"])
// The buildable fixture set (the zentoo-test repository, sandboxes off), as the other site ITs use it.
def fixtureSet = new File(basedir, 'config/sets/fixture')
fixtureSet.mkdirs()
new File(fixtureSetDirectory).eachFile { f -> new File(fixtureSet, f.name).bytes = f.bytes }
def siteConf = new File(basedir, 'config/site.conf')
siteConf.text = siteConf.text.replace('@lockSeed@', seed)
new File(basedir, 'target').mkdirs()
new File(basedir, 'target/lock-it.env').text = "STAGE='${stage}'\nPREFIX='${prefix}'\nSEED='${seed}'\nMOVED='${moved}'\n"
new File(basedir, '.gitignore').text = 'target/\n.mvn/\nbuild*.log\n'
run(['git', 'init', '-q'])
run(['git', '-c', 'user.name=zentoo-it', '-c', 'user.email=it@zentoo.invalid', 'add', '-A'])
run(['git', '-c', 'user.name=zentoo-it', '-c', 'user.email=it@zentoo.invalid', 'commit', '-qm', 'site'])
return true
