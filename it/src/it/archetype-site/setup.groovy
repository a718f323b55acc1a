// The site does not exist yet: invocation 1 and 2 generate it into workspace/.
// What makes its starter machine buildable here is written to overrides/ now and
// copied over the generated site by invocation 3.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def volumes = fixture.volumePrefix('archetype')
fixture.removeVolumes(volumes)
// The generated site's build, in workspace/my-site, finds it upwards.
fixture.mavenConfig(["-Dzentoo.volumePrefix=${volumes}"])
new File(basedir, 'workspace').mkdirs()
fixture.fixtureMachine(new File(basedir, 'overrides/config'), 'web01')
return true
