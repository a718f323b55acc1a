// Points the site at the exact test stage image this build made (see it/README.md).
def image = new File(testStageImageFile).text.trim()
def siteConf = new File(basedir, 'config/site.conf')
siteConf.text = siteConf.text.replace('@testStage@', image)
return true
