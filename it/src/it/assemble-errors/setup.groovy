// Points the site at the exact test stage image this build made (see it/README.md),
// with volumes of this project in this checkout, starting empty.
def image = new File(testStageImageFile).text.trim()
def siteConf = new File(basedir, 'config/site.conf')
siteConf.text = siteConf.text.replace('@testStage@', image)
def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def volumes = fixture.volumePrefix('errors')
fixture.removeVolumes(volumes)
fixture.mavenConfig(["-Dzentoo.volumePrefix=${volumes}"])
return true
