// Points the site at the exact test stage image this build made (see it/README.md)
// and starts from empty volumes, so the compile counts below mean something.
def image = new File(testStageImageFile).text.trim()
def siteConf = new File(basedir, 'config/site.conf')
siteConf.text = siteConf.text.replace('@testStage@', image)
evaluate(new File(itLibDirectory, 'SiteFixture.groovy')).removeVolumes('zentoo-it-build')
return true
