// Points the site at this build's test stage; both stores start empty.
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def siteConf = new File(basedir, 'config/site.conf')
siteConf.text = siteConf.text.replace('@testStage@', fixture.testStage())
def prefix = fixture.volumePrefix('repro')
['a', 'b'].each { fixture.removeVolumes("${prefix}-${it}") }
fixture.mavenConfig(["-Drepro.prefix=${prefix}"])
return true
