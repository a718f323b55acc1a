// The site is a git repository, as a user's is. SEED is a tag this project owns,
// pointing at the test stage until steps.sh move-seed moves it; the tag and the
// image it moves to are removed by verify.groovy, or at JVM exit when a build failed.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def prefix = fixture.volumePrefix('lock')
fixture.removeVolumes(prefix)
fixture.mavenConfig(["-Dzentoo.volumePrefix=${prefix}"])
def stage = fixture.testStage()
def seed = "zentoo/it-lock-seed:${prefix}".toString()
def moved = "zentoo/it-lock-moved:${prefix}".toString()
def run = { List<String> cmd ->
    def p = cmd.execute(null, basedir)
    def out = new StringBuilder()
    p.consumeProcessOutput(out, out)
    assert p.waitFor() == 0 : "${cmd.join(' ')}: ${out}"
}
def cleanup = {
    ['docker', 'rm', '-f', "${prefix}-derive"].execute().waitFor()
    ['docker', 'rmi', seed, moved].execute().waitFor()
}
cleanup()
Runtime.runtime.addShutdownHook(new Thread(cleanup))
run(['docker', 'tag', stage, seed])
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
