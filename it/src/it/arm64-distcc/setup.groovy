// The arm64 test stage as the seed; the fixture's native cross worker image for
// the workers (the amd64 test stage with Debian's gcc-aarch64-linux-gnu, built and
// cached by it/stage/build-cross-worker.sh); both runs' stores empty.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def siteConf = new File(basedir, 'config/site.conf')
siteConf.text = siteConf.text.replace('@testStageArm64@', new File(testStageArm64ImageFile).text.trim())

def imageFile = new File(basedir, 'target/cross-worker.image')
def script = new File(itSourceDirectory, '../../stage/build-cross-worker.sh').canonicalPath
def build = ['bash', script, imageFile.path].execute()
def err = new StringBuilder()
build.consumeProcessErrorStream(err)
build.consumeProcessOutputStream(new StringBuilder())
assert build.waitFor() == 0 : "build-cross-worker.sh failed: ${err}"

// The invoker filters the project's own pom.xml only: alone/pom.xml takes its plugin version.
def version = (new File(basedir, 'pom.xml').text =~ /<artifactId>zentoo-maven-plugin<\/artifactId>\s*<version>([^<]+)<\/version>/)[0][1]
def alonePom = new File(basedir, 'alone/pom.xml')
alonePom.text = alonePom.text.replace('@project.version@', version)

def prefix = fixture.volumePrefix('arm64-distcc')
['workers', 'alone'].each { store ->
    fixture.removeDistccImages("${prefix}-${store}")
    fixture.removeVolumes("${prefix}-${store}")
}
fixture.mavenConfig(["-Dzentoo.it.prefix=${prefix}", "-Dzentoo.distcc.crossImage=${imageFile.text.trim()}"])
return true
