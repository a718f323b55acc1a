// The exact test stage image, empty volumes (many-units compiles in this run), and
// a loopback registry that Zentoo pushes the distcc image to, as it would for
// Swarm nodes on other hosts.
def support = evaluate(new File(itSourceDirectory, 'distcc-support.groovy'))
support.prepare(basedir, testStageImageFile, 'zentoo-it-distcc-swarm')
int port = support.startRegistry(new File(basedir, 'target/registry'))
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
fixture.mavenConfig(["-Dzentoo.distcc.registry=127.0.0.1:${port}/zentoo-it"])
new File(basedir, 'target/registry/port').text = port.toString()
return true
