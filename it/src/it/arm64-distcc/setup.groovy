// The arm64 test stage as the seed; the fixture's native cross worker image for
// the workers (the amd64 test stage with Debian's gcc-aarch64-linux-gnu, built and
// cached by it/stage/build-cross-worker.sh from the it module's pom);
// both runs' stores empty.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def siteConf = new File(basedir, 'config/site.conf')
siteConf.text = siteConf.text.replace('@testStageArm64@', new File(testStageArm64ImageFile).text.trim())

def crossImage = new File(testCrossWorkerImageFile).text.trim()
new File(basedir, 'target').mkdirs()
new File(basedir, 'target/cross-worker.image').text = crossImage + '\n'

// The invoker filters the project's own pom.xml only: alone/pom.xml takes its plugin version.
def version = (new File(basedir, 'pom.xml').text =~ /<artifactId>zentoo-maven-plugin<\/artifactId>\s*<version>([^<]+)<\/version>/)[0][1]
def alonePom = new File(basedir, 'alone/pom.xml')
alonePom.text = alonePom.text.replace('@project.version@', version)

def prefix = fixture.volumePrefix('arm64-distcc')
['workers', 'alone'].each { store ->
    fixture.removeDistccImages("${prefix}-${store}")
    fixture.removeVolumes("${prefix}-${store}")
}
fixture.mavenConfig(["-Dzentoo.it.prefix=${prefix}", "-Dzentoo.distcc.crossImage=${crossImage}"])
return true
