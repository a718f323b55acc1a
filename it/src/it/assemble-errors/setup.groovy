// Points the site at the exact test stage image this build made (see it/README.md),
// and gives this run volumes of its own, so the compile counts below mean something
// even when another checkout runs the same test on the same daemon.
def image = new File(testStageImageFile).text.trim()
def siteConf = new File(basedir, 'config/site.conf')
siteConf.text = siteConf.text.replace('@testStage@', image)
def prefix = "zentoo-it-errors-${ProcessHandle.current().pid()}-${System.currentTimeMillis() % 1000000}"
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('@volumePrefix@', prefix)
new File(basedir, 'volume-prefix.txt').text = prefix
return true
